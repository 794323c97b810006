// Slack answering 429 with Retry-After: the DM is sent again after the wait, and only once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';

const t = suite<{ h: Harness }>('fault: Slack 429 with Retry-After', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ store: 'memory' });
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

t('a rate-limited DM arrives after the Retry-After wait, exactly once', async ({ h }) => {
  h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
    number: 7,
    assignees: ['dev-b'],
  });
  const res = await h.deliver('code_scanning_alert', payload);
  assert.is(res.status, 202);
  await waitFor(() => h.slack.messagesIn('U0BOB').length > 0, 6000, 'the DM');
  await h.drain();

  const attempts = h.slack.callsTo('chat.postMessage');
  assert.equal(
    attempts.map((c) => c.status),
    [429, 200],
  );
  // Retry-After: 1 is a floor Slack sets, not a speed goal: the retry came no sooner.
  assert.ok(attempts[1]!.time - attempts[0]!.time >= 1000, 'waited as Slack asked');
  assert.is(h.slack.messagesIn('U0BOB').length, 1);
  assert.match(JSON.stringify(h.slack.messagesIn('U0BOB')[0]), `${ORG}/payments`);
});

t.run();
