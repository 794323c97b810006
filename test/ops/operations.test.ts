import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runJob } from '../../src/jobs/scheduler.ts';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { DEFAULT_TOKEN } from '../doubles/slack/index.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import {
  type Harness,
  ORG,
  SIGNING_SECRET,
  startHarness,
  WEBHOOK_SECRET,
  waitFor,
} from '../helpers/harness.ts';
import { githubSignature, postDelivery, signGitHubDelivery } from '../helpers/sign-github.ts';
import { proxyUrl, startSlowProxy } from './bot-process.ts';

const t = suite<{ h: Harness }>('operations: logs, metrics, shutdown', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ store: 'redis', captureLogs: true });
  seedOrg(ctx.h.github, {
    org: ORG,
    users: [{ login: 'octo-lead', role: 'admin', securityManager: true }, 'dev-b'],
    repos: ['payments'],
    codeAlerts: [{ repo: 'payments', number: 1, ruleId: 'js/xss', securitySeverity: 'high' }],
  });
  await ctx.h.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
});

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  await h.close();
});

const assignment = (number: number) =>
  codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
    number,
    assignees: ['dev-b'],
  });

t(
  'log lines of a delivery carry its delivery id; a command’s carry one request id',
  async ({ h }) => {
    await h.deliver('code_scanning_alert', assignment(1), { deliveryId: 'delivery-ops-1' });
    await h.drain();
    const handled = h.logs.find((l) => l.msg === 'delivery handled');
    assert.is(handled?.deliveryId, 'delivery-ops-1');
    const fromHandlers = h.logs.filter((l) => l.deliveryId === 'delivery-ops-1');
    assert.ok(fromHandlers.length >= 2, 'handler lines inherit the id without passing it');

    // A failing command: its error line and Bolt's ack lines share one request id.
    h.github.failNext({ method: 'GET', path: /campaigns/ }, { status: 500, times: 5 });
    await h.command('list');
    const failure = await waitFor(() => h.logs.find((l) => l.msg === 'subcommand failed'));
    assert.type(failure.requestId, 'string');
    const sameRequest = h.logs.filter((l) => l.requestId === failure.requestId);
    assert.ok(
      sameRequest.some((l) => l.component === 'bolt'),
      'Bolt lines carry the same id',
    );
    assert.not.ok(
      sameRequest.some((l) => l.deliveryId),
      'ids of other work do not leak in',
    );
  },
);

t('secrets never reach a log line, whatever field they are in', async ({ h }) => {
  const { config, logger } = h.bot.ctx;
  logger.error({ config }, 'config dump by mistake');
  logger.warn(
    { detail: `call failed with Bearer ${DEFAULT_TOKEN}`, headers: { authorization: 'x' } },
    'oops',
  );
  logger.info(
    { url: 'redis://:s3cret-pass@redis:6379/0', pat: 'ghp_abcdefghijklmnopqrstuvwxyz012345' },
    'u',
  );
  const written = JSON.stringify(h.logs.slice(-3));
  for (const secret of [DEFAULT_TOKEN, SIGNING_SECRET, WEBHOOK_SECRET, 's3cret-pass', 'ghp_abc']) {
    assert.not.match(written, secret);
  }
  assert.match(written, '[redacted]');
  // Harmless settings stay readable.
  assert.is((h.logs.at(-3)?.config as Record<string, unknown> | undefined)?.GITHUB_ORG, ORG);
});

t('/metrics reports deliveries, queue, DMs, API calls, rate limit and job runs', async ({ h }) => {
  await h.deliver('code_scanning_alert', assignment(1));
  await h.drain();
  await waitFor(() => h.slack.messagesIn('U0BOB').length === 1, 3000, 'the DM');
  await h.command('list');
  await runJob(h.bot.ctx, { name: 'ops-probe', cron: '* * * * *', run: async () => {} });
  const res = await fetch(`${h.url}/metrics`);
  assert.is(res.status, 200);
  const text = await res.text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  assert.is(
    value(
      /burndown_webhook_deliveries_total\{event="code_scanning_alert",outcome="queued"\} (\d+)/,
    ),
    1,
  );
  assert.is(
    value(/burndown_queue_handled_total\{event="code_scanning_alert",outcome="ok"\} (\d+)/),
    1,
  );
  assert.ok(value(/burndown_dms_sent_total\{[^}]*\} (\d+)/) >= 1);
  assert.ok(value(/burndown_api_calls_total\{service="slack",status="200"\} (\d+)/) >= 1);
  assert.ok(value(/burndown_api_calls_total\{service="github",status="200"\} (\d+)/) >= 1);
  const left = value(/burndown_github_rate_limit_remaining (\d+)/);
  assert.ok(left > 0 && left < 15000, `rate limit remaining ${left}`);
  assert.is(value(/burndown_queue_depth\{queue="github",state="pending"\} (\d+)/), 0);
  assert.is(value(/burndown_queue_depth\{queue="github",state="retained"\} (\d+)/), 1);
  assert.is(value(/burndown_queue_lag_seconds\{queue="github"\} (\d+)/), 0);
  assert.is(value(/burndown_job_runs_total\{job="ops-probe",outcome="ran"\} (\d+)/), 1);
});

t('/metrics counts the deliveries kept in the dead letters', async ({ h }) => {
  const deadLetters = async () => {
    const text = await (await fetch(`${h.url}/metrics`)).text();
    return Number(/burndown_queue_dead_letters\{queue="github"\} (\d+)/.exec(text)?.[1]);
  };
  assert.is(await deadLetters(), 0, 'reported before anything failed');
  // Signed by GitHub and outlined like an object, but not JSON: no retry can mend it.
  const signed = await signGitHubDelivery({
    event: 'code_scanning_alert',
    payload: {},
    secret: WEBHOOK_SECRET,
  });
  const body = '{"action": "created", "alert": {"number": 3,}';
  const headers = {
    ...signed.headers,
    'x-hub-signature-256': await githubSignature(WEBHOOK_SECRET, body),
  };
  assert.is((await postDelivery(h.url, { body, headers })).status, 202);
  await h.drain();
  assert.is(await deadLetters(), 1);
});

t('the queue gauges show a delivery waiting while no worker runs', async ({ h }) => {
  await h.bot.worker.stop();
  await h.deliver('code_scanning_alert', assignment(1));
  await new Promise((r) => setTimeout(r, 20));
  const text = await (await fetch(`${h.url}/metrics`)).text();
  const lag = Number(/burndown_queue_lag_seconds\{queue="github"\} ([\d.e-]+)/.exec(text)?.[1]);
  assert.ok(lag > 0, `lag ${lag}`);
});

t('stopping refuses new work, finishes the delivery in hand and closes the store', async () => {
  const base = await startHarness({ store: 'redis' });
  const proxy = await startSlowProxy(base.slack.url, 300);
  const h = await startHarness({
    shared: { kv: base.kv, github: base.github, slack: base.slack },
    env: { SLACK_API_URL: proxyUrl(proxy) },
  });
  try {
    await base.bot.worker.stop();
    await h.bot.ctx.repos.identities.link({
      slackUserId: 'U0BOB',
      githubLogin: 'dev-b',
      source: 'admin',
      linkedAt: new Date().toISOString(),
    });
    assert.is((await fetch(`${h.url}/readyz`)).status, 200);
    await h.deliver('code_scanning_alert', assignment(7));
    await waitFor(() => h.bot.worker.busy === 1, 3000, 'the delivery in hand');
    const stopping = h.bot.stop({ closeStore: false });
    assert.is((await fetch(`${h.url}/readyz`)).status, 503);
    const late = await h.deliver('code_scanning_alert', assignment(8));
    assert.is(late.status, 503, 'intake refuses work once stopping');
    await stopping;
    const stats = await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
    assert.equal({ length: stats.length, pending: stats.pending }, { length: 1, pending: 0 });
    assert.is(base.slack.messagesIn('U0BOB').length, 1, 'the delivery in hand was finished');
    await base.bot.stop();
    assert.not.ok(await base.kv.ping(), 'the store is closed');
  } finally {
    proxy.close();
    await base.close().catch(() => {});
  }
});

t.run();
