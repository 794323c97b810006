import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, WEBHOOK_SECRET } from '../helpers/harness.ts';
import { githubSignature } from '../helpers/sign-github.ts';

for (const store of ['memory', 'redis'] as const) {
  const t = suite<{ h: Harness }>(`walking skeleton (${store})`, {} as { h: Harness });

  t.before.each(async (ctx) => {
    ctx.h = await startHarness({ store });
    seedOrg(ctx.h.github, {
      org: ORG,
      users: [{ login: 'octo-lead', role: 'admin', securityManager: true }, 'dev-a', 'dev-b'],
      repos: ['payments', 'web'],
      codeAlerts: [
        { repo: 'payments', number: 1, ruleId: 'js/sql-injection', securitySeverity: 'high' },
        { repo: 'payments', number: 2, ruleId: 'js/xss', securitySeverity: 'medium' },
        { repo: 'web', number: 1, ruleId: 'js/zipslip', securitySeverity: 'critical' },
      ],
      campaigns: [
        {
          number: 1,
          name: 'Critical SQL injection',
          description: 'Fix SQL injection before the audit',
          endsAt: '2027-03-01T00:00:00Z',
          managers: ['octo-lead'],
          codeAlerts: [{ repo: 'payments', numbers: [1, 2] }],
        },
      ],
    });
    await ctx.h.bot.ctx.repos.identities.link({
      slackUserId: 'U0BOB',
      githubLogin: 'dev-b',
      source: 'admin',
      linkedAt: new Date().toISOString(),
    });
  });

  t.after.each(async (ctx) => {
    ctx.h.github.assertNoViolations();
    await ctx.h.close();
  });

  t('campaign list answers with the campaigns and their counts from GitHub', async ({ h }) => {
    const { status, responses } = await h.command('list');
    assert.is(status, 200);
    const reply = responses[0] as { text: string; blocks: unknown[]; response_type: string };
    assert.is(reply.response_type, 'ephemeral');
    assert.match(reply.text, 'Critical SQL injection');
    assert.match(JSON.stringify(reply.blocks), /0\/2 closed/);
    assert.match(JSON.stringify(reply.blocks), /2 open/);
  });

  t('a typo in a subcommand answers privately with usage', async ({ h }) => {
    const { responses } = await h.command('lsit');
    const reply = responses[0] as { text: string; response_type: string };
    assert.is(reply.response_type, 'ephemeral');
    assert.match(reply.text, "I don't know `lsit`. Did you mean `list`?");
    assert.match(reply.text, '/campaign list');
  });

  t('adding a mapped assignee sends exactly one DM with rule, repo and location', async ({ h }) => {
    const payload = codeScanningAlertEvent('updated_assignment', {
      org: ORG,
      repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
      number: 1,
      rule: {
        id: 'js/sql-injection',
        description: 'Database query built from user-controlled sources',
        security_severity_level: 'high',
      },
      location: { path: 'src/db/query.js', start_line: 42 },
      assignees: ['dev-b'],
    });
    const first = await h.deliver('code_scanning_alert', payload);
    assert.is(first.status, 202);
    await h.drain();
    const dms = h.slack.messagesIn('U0BOB');
    assert.is(dms.length, 1);
    const text = JSON.stringify(dms[0]);
    assert.match(text, 'js/sql-injection');
    assert.match(text, `${ORG}/payments`);
    assert.match(text, 'src/db/query.js:42');

    const removed = codeScanningAlertEvent('updated_assignment', {
      org: ORG,
      repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
      number: 1,
      assignees: [],
    });
    await h.deliver('code_scanning_alert', removed);
    await h.drain();
    // Issue 5: removing an assignee sends them one unassignment notice, nothing more.
    const after = h.slack.messagesIn('U0BOB');
    assert.is(after.length, 2);
    assert.match(after[1]!.text, 'You were unassigned');
  });

  t('a delivery with a bad signature gets 401 and queues nothing', async ({ h }) => {
    const payload = codeScanningAlertEvent('updated_assignment', { assignees: ['dev-b'] });
    const res = await h.deliver('code_scanning_alert', payload, { secret: 'wrong' });
    assert.is(res.status, 401);
    const stats = await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
    assert.is(stats.length, 0);
  });

  t('the same delivery id twice yields one queue entry', async ({ h }) => {
    await h.bot.worker.stop();
    const payload = codeScanningAlertEvent('created', {});
    const a = await h.deliver('code_scanning_alert', payload, { deliveryId: 'dup-1' });
    const b = await h.deliver('code_scanning_alert', payload, { deliveryId: 'dup-1' });
    assert.is(a.status, 202);
    assert.is(b.status, 200);
    const stats = await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
    assert.is(stats.length, 1);
  });

  t('a delivery URL with a query string is served too', async ({ h }) => {
    await h.bot.worker.stop();
    const body = JSON.stringify(codeScanningAlertEvent('created', {}));
    const res = await fetch(`${h.url}/github/webhooks?from=proxy`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'code_scanning_alert',
        'x-github-delivery': 'query-1',
        'x-hub-signature-256': await githubSignature(WEBHOOK_SECRET, body),
      },
      body,
    });
    assert.is(res.status, 202);
    const stats = await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
    assert.is(stats.length, 1);
  });

  t('a handler that throws leaves the entry pending for a retry', async ({ h }) => {
    h.slack.failNext('chat.postMessage', { error: 'fatal_error', times: 10 });
    const payload = codeScanningAlertEvent('updated_assignment', { assignees: ['dev-b'] });
    await h.deliver('code_scanning_alert', payload);
    await new Promise((r) => setTimeout(r, 300));
    const stats = await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
    assert.is(stats.pending, 1);
    assert.is(h.slack.messagesIn('U0BOB').length, 0);
  });

  t.run();
}
