// Realistic interactivity payload objects (`block_actions`, `view_submission`) typed against
// Bolt's own payload types, so a drift in Bolt's expectations fails type-checking here first.
import type {
  BlockAction,
  BlockElementAction,
  ButtonAction,
  ViewOutput,
  ViewStateValue,
  ViewSubmitAction,
} from '@slack/bolt';

type StateValues = ViewOutput['state']['values'];
type Blocks = ViewOutput['blocks'];

/** Placeholder workspace identifiers, shaped like Slack's (uppercase, type-prefixed). */
export const SLACK_IDS = {
  team: 'T04BRNDWN01',
  teamDomain: 'acme-security',
  user: 'U05CMPGN7QX',
  botUser: 'U06BURNBOT1',
  bot: 'B06BURNBOT1',
  app: 'A06BURNDOWN',
  channel: 'C05SECCAMP1',
  verificationToken: 'xT9kd2LmQp8rVb4NcW1sZ7hF',
  triggerId: '7384920156743.4421907731.9f3c2a6b1e8d7c5b4a39281706f5e4d3',
} as const;

export interface SlackUserRef {
  id?: string;
  username?: string;
  name?: string;
  team_id?: string;
}

export interface SlackViewOptions {
  id?: string;
  callback_id?: string;
  private_metadata?: string;
  hash?: string;
  values?: StateValues;
  blocks?: Blocks;
  title?: string;
  submit?: string | null;
  root_view_id?: string | null;
  previous_view_id?: string | null;
}

export interface BlockActionsOptions {
  /** Where the click happened: a message in a channel (default) or an open modal. */
  source?: 'message' | 'view';
  action_id?: string;
  block_id?: string;
  value?: string;
  /** Replaces the default button action entirely (e.g. a static_select). */
  action?: BlockElementAction;
  user?: SlackUserRef;
  channel_id?: string;
  message_ts?: string;
  message_text?: string;
  view?: SlackViewOptions;
  trigger_id?: string;
  response_url?: string;
}

export interface ViewSubmissionOptions extends SlackViewOptions {
  user?: SlackUserRef;
  trigger_id?: string;
}

function nowTs(): string {
  const micros = Date.now() * 1000;
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

function plainText(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

/** A `plain_text_input` entry for `state.values`. */
export function plainTextState(value: string | null): ViewStateValue {
  return { type: 'plain_text_input', value };
}

/** A `static_select` entry for `state.values`. */
export function staticSelectState(value: string | null, text = value ?? ''): ViewStateValue {
  return {
    type: 'static_select',
    selected_option: value === null ? null : { text: plainText(text), value },
  };
}

/** A `users_select` entry for `state.values`. */
export function usersSelectState(userId: string | null): ViewStateValue {
  return { type: 'users_select', selected_user: userId };
}

/** A `datepicker` entry for `state.values` (`YYYY-MM-DD`). */
export function datepickerState(date: string | null): ViewStateValue {
  return { type: 'datepicker', selected_date: date };
}

/** The `view` object Slack echoes back in interactivity payloads for an open modal. */
export function slackView(options: SlackViewOptions = {}): ViewOutput {
  const id = options.id ?? 'V07MODAL1AB';
  return {
    id,
    team_id: SLACK_IDS.team,
    type: 'modal',
    blocks: options.blocks ?? [],
    private_metadata: options.private_metadata ?? '',
    callback_id: options.callback_id ?? 'campaign_modal',
    state: { values: options.values ?? {} },
    hash: options.hash ?? '1741700000.Xb7pQ2Lm',
    title: plainText(options.title ?? 'Security campaign'),
    clear_on_close: false,
    notify_on_close: false,
    close: plainText('Cancel'),
    submit: options.submit === null ? null : plainText(options.submit ?? 'Save'),
    previous_view_id: options.previous_view_id ?? null,
    root_view_id: options.root_view_id === undefined ? id : options.root_view_id,
    app_id: SLACK_IDS.app,
    external_id: '',
    app_installed_team_id: SLACK_IDS.team,
    bot_id: SLACK_IDS.bot,
  };
}

function slackUser(ref: SlackUserRef = {}) {
  const username = ref.username ?? 'priya.n';
  return {
    id: ref.id ?? SLACK_IDS.user,
    username,
    name: ref.name ?? username,
    team_id: ref.team_id ?? SLACK_IDS.team,
  };
}

/** A `block_actions` payload for a button (or the given element) in a message or modal. */
export function blockActionsPayload(options: BlockActionsOptions = {}): BlockAction {
  const source = options.source ?? 'message';
  const action: BlockElementAction =
    options.action ??
    ({
      type: 'button',
      action_id: options.action_id ?? 'campaign_open',
      block_id: options.block_id ?? 'campaign_actions',
      text: plainText('Open'),
      value: options.value ?? 'campaign:1',
      action_ts: nowTs(),
    } satisfies ButtonAction);
  const common = {
    type: 'block_actions' as const,
    user: slackUser(options.user),
    api_app_id: SLACK_IDS.app,
    token: SLACK_IDS.verificationToken,
    trigger_id: options.trigger_id ?? SLACK_IDS.triggerId,
    team: { id: SLACK_IDS.team, domain: SLACK_IDS.teamDomain },
    is_enterprise_install: false,
    actions: [action],
  };
  if (source === 'view') {
    const view = slackView(options.view);
    // Clicks inside a modal carry the view and its state, but no channel, message or
    // response_url; Bolt's type insists on response_url, Slack does not send it.
    const payload = { ...common, container: { type: 'view', view_id: view.id }, view };
    return { ...payload, state: view.state } as unknown as BlockAction;
  }
  const channelId = options.channel_id ?? SLACK_IDS.channel;
  const messageTs = options.message_ts ?? nowTs();
  return {
    ...common,
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: channelId,
      is_ephemeral: false,
    },
    channel: { id: channelId, name: 'sec-campaigns' },
    message: {
      type: 'message',
      subtype: 'bot_message',
      user: SLACK_IDS.botUser,
      bot_id: SLACK_IDS.bot,
      app_id: SLACK_IDS.app,
      ts: messageTs,
      text: options.message_text ?? 'Campaign update',
      blocks: [],
      team: SLACK_IDS.team,
    },
    state: { values: {} },
    response_url:
      options.response_url ??
      `https://hooks.slack.com/actions/${SLACK_IDS.team}/8412736650214/Qm4vT8cKx2HnZp6wRb1Ly9Ds`,
  };
}

/** A `view_submission` payload for a modal whose inputs hold `values`. */
export function viewSubmissionPayload(options: ViewSubmissionOptions = {}): ViewSubmitAction {
  return {
    type: 'view_submission',
    team: { id: SLACK_IDS.team, domain: SLACK_IDS.teamDomain },
    user: slackUser(options.user),
    api_app_id: SLACK_IDS.app,
    token: SLACK_IDS.verificationToken,
    trigger_id: options.trigger_id ?? SLACK_IDS.triggerId,
    view: slackView(options),
    response_urls: [],
    is_enterprise_install: false,
  };
}
