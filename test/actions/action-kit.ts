// Shared setup for the alert action tests: a small org on the GitHub double, people signed
// in (or linked by e-mail only), an alert message with buttons in a DM, and helpers that
// click and submit the way Slack does.
import type { ViewStateValue } from '@slack/bolt';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { LOADING_VIEW } from '../../src/actions/open-modal.ts';
import { AuditLog } from '../../src/audit/audit-log.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import type { AlertSnapshot } from '../../src/domain/types.ts';
import { codeAlertSnapshot, secretAlertSnapshot } from '../../src/github/alerts.ts';
import { tokenStore } from '../../src/identity/authorize.ts';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import { alertActions } from '../../src/slack/messages/alert-actions.ts';
import { findRepo, seedOrg } from '../doubles/github/index.ts';
import {
  type Harness,
  type HarnessOptions,
  ORG,
  startHarness,
  waitFor,
} from '../helpers/harness.ts';
import { blockActionsPayload, viewSubmissionPayload } from '../helpers/slack-payloads.ts';

export const PEOPLE = {
  lead: { slack: 'U0ALICE', login: 'kim-lead' },
  bob: { slack: 'U0BOB', login: 'dev-b' },
  carol: { slack: 'U0CAROL', login: 'dev-c' },
  dave: { slack: 'U0DAVE', login: 'dev-d' },
} as const;

export async function signIn(h: Harness, slackUserId: string, login: string) {
  const linkedAt = new Date().toISOString();
  await h.bot.ctx.repos.identities.link({
    slackUserId,
    githubLogin: login,
    source: 'signed-in',
    linkedAt,
  });
  await tokenStore(h.bot.ctx).put(slackUserId, { login, accessToken: `tok-${login}` });
}

/** dev-b and dev-a write to payments; dev-c only reads it; dev-d writes but never signed in. */
export async function seedActions(h: Harness): Promise<CampaignRecord> {
  seedOrg(h.github, {
    org: ORG,
    users: [
      { login: 'kim-lead', role: 'admin', securityManager: true },
      { login: 'dev-a', repos: { payments: 'write' } },
      { login: 'dev-b', repos: { payments: 'write' } },
      { login: 'dev-c', repos: { payments: 'read' } },
      { login: 'dev-d', repos: { payments: 'write' } },
    ],
    repos: ['payments'],
    codeAlerts: [
      {
        repo: 'payments',
        number: 1,
        ruleId: 'js/sql-injection',
        securitySeverity: 'high',
        assignees: ['dev-a'],
      },
      { repo: 'payments', number: 2, ruleId: 'js/xss', securitySeverity: 'medium' },
    ],
    secretAlerts: [
      {
        repo: 'payments',
        number: 1,
        secretType: 'github_personal_access_token',
        secret: 'ghp_SHOULD_NEVER_APPEAR_0000000000000',
      },
    ],
  });
  await signIn(h, PEOPLE.lead.slack, PEOPLE.lead.login);
  await signIn(h, PEOPLE.bob.slack, PEOPLE.bob.login);
  await signIn(h, PEOPLE.carol.slack, PEOPLE.carol.login);
  await h.bot.ctx.repos.identities.link({
    slackUserId: PEOPLE.dave.slack,
    githubLogin: PEOPLE.dave.login,
    source: 'email',
    linkedAt: new Date().toISOString(),
  });
  const repo = payments(h);
  const now = new Date().toISOString();
  const campaign: CampaignRecord = {
    id: 'camp-sqli',
    number: 1,
    kind: 'code',
    state: 'open',
    name: 'Critical SQL injection',
    description: 'Fix SQL injection before the audit',
    endsAt: '2027-03-01T00:00:00Z',
    managers: ['kim-lead'],
    teamManagers: [],
    members: [
      { repoId: repo.repo.id, repo: repo.repo.full_name, number: 1 },
      { repoId: repo.repo.id, repo: repo.repo.full_name, number: 2 },
    ],
    createdAt: now,
    updatedAt: now,
  };
  await h.bot.ctx.repos.campaigns.save(campaign);
  return campaign;
}

export function payments(h: Harness) {
  const repo = findRepo(h.github.state, ORG, 'payments');
  if (!repo) throw new Error('payments not seeded');
  return repo;
}

export function codeAlert(h: Harness, number: number): AlertSnapshot {
  const repo = payments(h);
  const raw = repo.codeAlerts.find((a) => a.number === number);
  return codeAlertSnapshot(raw as never, repo.repo);
}

export function secretAlert(h: Harness, number: number): AlertSnapshot {
  const repo = payments(h);
  const raw = repo.secretAlerts.find((a) => a.number === number);
  return secretAlertSnapshot(raw as never, repo.repo);
}

export interface Posted {
  channel: string;
  ts: string;
  text: string;
  blocks: Record<string, unknown>[];
}

/** The bot posts an alert with its buttons in a person's DM, as a notification would. */
export async function postAlert(
  h: Harness,
  to: string,
  alert: AlertSnapshot,
  viewer?: string,
): Promise<Posted> {
  return postAlerts(h, to, [alert], viewer);
}

/** Several alerts in one message; each alert's buttons carry a suffix, as in a batched DM. */
export async function postAlerts(
  h: Harness,
  to: string,
  alerts: AlertSnapshot[],
  viewer?: string,
): Promise<Posted> {
  const text = alerts.map((a) => `Alert ${a.repo}#${a.number}`).join(', ');
  const many = alerts.length > 1;
  const blocks = alerts.flatMap((a, i) => [
    { type: 'section', text: { type: 'mrkdwn', text: `Alert ${a.repo}#${a.number}` } },
    alertActions(a, viewer, many ? { idSuffix: String(i + 1) } : {}) as unknown as Record<
      string,
      unknown
    >,
  ]);
  const res = await h.bot.ctx.slack.chat.postMessage({
    channel: to,
    text,
    blocks: blocks as never,
  });
  return { channel: String(res.channel), ts: String(res.ts), text, blocks };
}

/** The message as it is now in the Slack double. */
export function current(h: Harness, posted: Posted) {
  const m = (h.slack.messages[posted.channel] ?? []).find((x) => x.ts === posted.ts);
  if (!m) throw new Error('message gone');
  return m;
}

let triggers = 0;

/** A click on a button of `posted` (or its current version) by `user`. */
export async function click(
  h: Harness,
  user: string,
  posted: Posted,
  actionId: string,
  options: { triggerId?: string } = {},
) {
  const now = current(h, posted);
  const blocks = (now.blocks ?? posted.blocks) as Record<string, unknown>[];
  const buttons = blocks.flatMap((b) =>
    b.type === 'actions' ? (b.elements as Record<string, unknown>[]) : [],
  );
  // Multi-alert messages suffix ids per alert: `alert:dismiss:2` answers to `alert:dismiss:2`.
  const button = buttons.find(
    (e) => e.action_id === actionId || String(e.action_id).startsWith(`${actionId}:`),
  );
  if (!button) throw new Error(`no button ${actionId} in the message`);
  const n = ++triggers;
  const triggerId = options.triggerId ?? `trigger-${n}-${Date.now()}`;
  const payload = blockActionsPayload({
    action_id: String(button.action_id),
    block_id: String(
      blocks.find((b) => (b.elements as unknown[] | undefined)?.includes(button))?.block_id,
    ),
    value: String(button.value),
    user: { id: user },
    channel_id: posted.channel,
    message_ts: posted.ts,
    response_url: h.slack.responseUrl(`click-${user}-${n}`),
    trigger_id: triggerId,
  });
  const message = (payload as unknown as { message: Record<string, unknown> }).message;
  message.blocks = blocks;
  message.text = now.text;
  const res = await h.interact(payload);
  return { res, triggerId };
}

type ModalShown = { callback_id: string; private_metadata: string } & Record<string, unknown>;

/**
 * The modal opened with `triggerId` as it is now: opened at once (a loading view), then
 * replaced with views.update on the view id views.open answered. Undefined before it opens.
 */
export function latestModal(h: Harness, triggerId: string): ModalShown | undefined {
  const opened = h.slack
    .callsTo('views.open')
    .find((c) => c.args.trigger_id === triggerId && c.response.ok);
  const id = (opened?.response.view as { id?: string } | undefined)?.id;
  if (!id) return undefined;
  const updates = h.slack
    .callsTo('views.update')
    .filter((c) => c.args.view_id === id && c.response.ok);
  return (updates.at(-1)?.args.view ?? opened?.args.view) as ModalShown;
}

/** The modal opened with `triggerId`, once the bot has filled it (past its loading view). */
export async function modalFor(h: Harness, triggerId: string) {
  return waitFor(
    () => {
      const view = latestModal(h, triggerId);
      return view && view.callback_id !== LOADING_VIEW ? view : undefined;
    },
    // The first GitHub request of a run compiles the OpenAPI checks and takes a while.
    10_000,
    'a modal',
  );
}

export async function submit(
  h: Harness,
  user: string,
  view: { callback_id: string; private_metadata: string },
  values: Record<string, Record<string, ViewStateValue>>,
) {
  return h.interact(
    viewSubmissionPayload({
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      values,
      user: { id: user },
    }),
  );
}

/** The dismissal request message in a point of contact's DM, as a clickable Posted. */
export async function requestInDm(h: Harness, user: string): Promise<Posted> {
  const m = await waitFor(
    () => h.slack.messagesIn(user).find((x) => x.text.includes('asks to dismiss')),
    3000,
    'the request message',
  );
  const channel = Object.entries(h.slack.messages).find(([, ms]) => ms.some((x) => x.ts === m.ts));
  return {
    channel: channel?.[0] ?? '',
    ts: m.ts,
    text: m.text,
    blocks: (m.blocks ?? []) as Record<string, unknown>[],
  };
}

/** Private messages a person got: ephemerals, response_url replies and DMs. */
export function privateTexts(h: Harness, user: string): string[] {
  const eph = h.slack.callsTo('chat.postEphemeral').filter((c) => c.args.user === user);
  const resp = h.slack.responses().filter((r) => String(r.id).startsWith(`click-${user}-`));
  const dms = h.slack.messagesIn(user);
  return [
    ...eph.map((c) => String(c.args.text)),
    ...resp.map((r) => String(r.text)),
    ...dms.map((m) => m.text),
  ];
}

/** The audit entries, once at least `atLeast` were written (they follow the reply). */
export async function audit(h: Harness, campaignId: string | null = null, atLeast = 1) {
  const log = new AuditLog(h.kv);
  await waitFor(async () => (await log.list(campaignId)).length >= atLeast, 3000, 'audit').catch(
    () => undefined,
  );
  return log.list(campaignId);
}

export const alertWrites = (h: Harness) =>
  h.github.writes().filter((r) => r.path.includes('/alerts/'));

/** Waits for the delivery to fail once, then hands it to the worker again, as its retry. */
export async function retryPending(h: Harness) {
  const stats = () => h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
  // Handled once and failed: in nobody's hands, still pending.
  await waitFor(
    async () => (await stats()).pending === 1 && h.bot.worker.busy === 0,
    5000,
    'the delivery left pending',
  );
  const [entry] = await h.kv.claimStale(
    GITHUB_DELIVERIES.stream,
    GITHUB_DELIVERIES.group,
    'retry',
    0,
    1,
  );
  return { retry: () => h.bot.worker.process(entry!) };
}

type KvMethod = 'get' | 'set' | 'rPush';

/**
 * Makes the bot's store refuse the next `times` calls of `method` that `match` picks, as
 * Redis does while it restarts; every other call goes through.
 */
export function breakStore(
  h: Harness,
  method: KvMethod,
  match: (args: unknown[]) => boolean,
  times = 1,
) {
  const kv = h.bot.ctx.kv as unknown as Record<KvMethod, (...args: unknown[]) => Promise<unknown>>;
  const original = kv[method].bind(kv);
  let left = times;
  kv[method] = (...args: unknown[]) => {
    if (left > 0 && match(args)) {
      left--;
      return Promise.reject(new Error('Connection is closed.'));
    }
    return original(...args);
  };
}

/**
 * A suite whose every test gets a fresh bot seeded for actions, and ends by checking that
 * neither double saw a request the real service would refuse.
 */
export function actionSuite(name: string, options: HarnessOptions = {}) {
  const t = suite<{ h: Harness }>(name, {} as { h: Harness });
  t.before.each(async (ctx) => {
    ctx.h = await startHarness(options);
    await seedActions(ctx.h);
  });
  t.after.each(async ({ h }) => {
    h.github.assertNoViolations();
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
    await h.close();
  });
  return t;
}
