// Shared set-up for campaign tests: a seeded org, Kim signed in (U0ALICE → kim-lead), a
// developer known by admin mapping (U0BOB → dev-b), and helpers that open `/campaign new`
// and submit the modal the way Slack does.
import type { ViewStateValue } from '@slack/bolt';
import { tokenStore } from '../../src/identity/authorize.ts';
import { actionId, type FormBlock } from '../../src/slack/views/campaign-form.ts';
import { type SeedOrgInput, seedOrg } from '../doubles/github/index.ts';
import {
  type Harness,
  type HarnessOptions,
  ORG,
  startHarness,
  waitFor,
} from '../helpers/harness.ts';
import {
  datepickerState,
  plainTextState,
  staticSelectState,
  usersSelectState,
  viewSubmissionPayload,
} from '../helpers/slack-payloads.ts';

export const LEAD = 'U0ALICE';
export const DEV = 'U0BOB';

export function baseOrg(extra: Partial<SeedOrgInput> = {}): SeedOrgInput {
  return {
    org: ORG,
    users: [
      { login: 'kim-lead', role: 'admin', securityManager: true },
      { login: 'dev-a', repos: { payments: 'write' } },
      { login: 'dev-b', repos: { payments: 'write', web: 'write' } },
    ],
    repos: ['payments', 'web'],
    codeAlerts: [
      {
        repo: 'payments',
        number: 1,
        ruleId: 'js/sql-injection',
        securitySeverity: 'critical',
        cwe: 89,
        assignees: ['dev-b'],
      },
      { repo: 'payments', number: 2, ruleId: 'js/xss', securitySeverity: 'medium', cwe: 79 },
      {
        repo: 'web',
        number: 1,
        ruleId: 'js/command-line-injection',
        securitySeverity: 'critical',
        cwe: 78,
        assignees: ['dev-b'],
      },
      { repo: 'web', number: 2, ruleId: 'js/zipslip', securitySeverity: 'high', cwe: 22 },
    ],
    ...extra,
  };
}

export async function campaignHarness(
  org: SeedOrgInput = baseOrg(),
  env: Record<string, string> = {},
  options: Omit<HarnessOptions, 'env'> = {},
): Promise<Harness> {
  const h = await startHarness({ env, captureLogs: true, ...options });
  seedOrg(h.github, org);
  const linkedAt = new Date().toISOString();
  const ids = h.bot.ctx.repos.identities;
  await ids.link({ slackUserId: LEAD, githubLogin: 'kim-lead', source: 'signed-in', linkedAt });
  await tokenStore(h.bot.ctx).put(LEAD, { login: 'kim-lead', accessToken: 'tok-kim-lead' });
  await ids.link({ slackUserId: DEV, githubLogin: 'dev-b', source: 'admin', linkedAt });
  return h;
}

/** Runs `/campaign new` and waits for the filled-in form; returns the open view. */
export async function openNew(h: Harness, user = LEAD) {
  const before = h.slack.callsTo('views.update').length;
  await h.command('new', { user, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.update').length > before, 15_000, 'the form');
  const opened = h.slack.callsTo('views.open').at(-1);
  const view = [...h.slack.state.views.values()].at(-1);
  if (!opened || !view) throw new Error('no modal opened');
  return view;
}

const radio = (value: string): ViewStateValue => ({
  type: 'radio_buttons',
  selected_option: { text: { type: 'plain_text', text: value }, value },
});

export interface FormValues {
  kind?: 'code' | 'secret';
  template?: string;
  name?: string;
  description?: string;
  due?: string | null;
  poc?: string | null;
  mode?: 'publish' | 'draft';
  rule?: string;
  members?: string[];
  contact?: string;
}

export function formState(v: FormValues) {
  const entries: Partial<Record<FormBlock, ViewStateValue>> = {
    kind: radio(v.kind ?? 'code'),
    template: staticSelectState(v.template ?? 'code-critical'),
    name: plainTextState(v.name ?? 'Critical alerts sweep'),
    description: plainTextState(v.description ?? 'Fix every critical alert before the audit.'),
    due: datepickerState(v.due === undefined ? '2099-03-01' : v.due),
    poc: usersSelectState(v.poc === undefined ? LEAD : v.poc),
    managers: { type: 'multi_users_select', selected_users: [] },
    teams: plainTextState(null),
    contact: { type: 'url_text_input', value: v.contact ?? null },
    visibility: radio('private'),
    members: { type: 'multi_users_select', selected_users: v.members ?? [] },
    mode: radio(v.mode ?? 'publish'),
  };
  if (v.rule !== undefined) entries.f_rule = plainTextState(v.rule);
  return Object.fromEntries(
    Object.entries(entries).map(([block, value]) => [
      block,
      { [actionId(block as FormBlock)]: value },
    ]),
  );
}

/** Submits the modal with these values, as the person who opened it. */
export function submit(
  h: Harness,
  view: { id: string; view: Record<string, unknown> },
  values: FormValues,
  user = LEAD,
) {
  return h.interact(
    viewSubmissionPayload({
      id: view.id,
      callback_id: 'campaign_form',
      private_metadata: String(view.view.private_metadata),
      values: formState(values),
      user: { id: user },
    }),
  );
}

export function sideEffects(h: Harness) {
  return {
    githubWrites: h.github.writes().length,
    channels: h.slack.callsTo('conversations.create').length,
    posts: h.slack.callsTo('chat.postMessage').length,
  };
}
