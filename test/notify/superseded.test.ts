// News about an alert that is overtaken within the batching window is folded into the later
// news: the recipient hears the latest state once, and the older notice is never sent later as
// a separate message that contradicts it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flushNotifications } from '../../src/notify/flush-notifications.ts';
import { pendingCount } from '../../src/notify/pending-store.ts';
import { observeAlert } from '../../src/sync/observe-alert.ts';
import { rejected, snapshotOf, startWorld, type World } from '../sync/sync-world.ts';

const START = Date.parse('2026-02-02T15:00:00Z');
const CHANNEL = 'C0GENERAL';
const t = suite<{ w: World; clock: { now: number } }>('superseded notices', {} as never);

t.before.each(async (ctx) => {
  ctx.clock = { now: START };
  ctx.w = await startWorld({
    env: { NOTIFY_BATCH_SECONDS: '60' },
    now: () => new Date(ctx.clock.now),
  });
  await ctx.w.h.bot.ctx.repos.campaigns.save({ ...ctx.w.campaign, channelId: CHANNEL });
});

t.after.each(async ({ w }) => {
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

/** Flushes as the job would: when the window closes, then on a few later runs. */
async function flushRuns(w: World, clock: { now: number }) {
  for (const after of [61_000, 76_000, 91_000, 16 * 60_000]) {
    await flushNotifications(w.h.bot.ctx, new Date(clock.now + after));
  }
}

t(
  'an assignment closed within the window: one DM about the closure, nothing after',
  async ({ w, clock }) => {
    const ctx = w.h.bot.ctx;
    await observeAlert(ctx, snapshotOf(w, 1), { firstSightingIsNews: false });
    await observeAlert(
      ctx,
      snapshotOf(w, 1, { assignees: ['dev-b'], updatedAt: '2026-02-01T10:00:01Z' }),
      { firstSightingIsNews: true },
    );
    clock.now += 5_000;
    const dismissed = snapshotOf(w, 1, {
      assignees: ['dev-b'],
      status: 'dismissed',
      state: 'dismissed',
      closedBy: 'octo-lead',
      closedReason: 'false positive',
      updatedAt: '2026-02-01T10:00:06Z',
    });
    await observeAlert(ctx, dismissed, { firstSightingIsNews: true });
    await flushRuns(w, clock);

    const bob = w.h.slack.messagesIn('U0BOB');
    assert.is(bob.length, 1, bob.map((m) => m.text).join(' / '));
    assert.match(bob[0]!.text, 'An alert was closed on GitHub');
    assert.not.match(bob[0]!.text, 'assigned');
    assert.is(await pendingCount(ctx.kv), 0, 'nothing left to send later');
  },
);

t('a fix reopened within the window: the channel hears "reopened" only', async ({ w, clock }) => {
  const ctx = w.h.bot.ctx;
  await observeAlert(ctx, snapshotOf(w, 1), { firstSightingIsNews: false });
  const fixed = snapshotOf(w, 1, {
    status: 'fixed',
    state: 'fixed',
    updatedAt: '2026-02-01T10:00:05Z',
  });
  await observeAlert(ctx, fixed, { firstSightingIsNews: true });
  clock.now += 5_000;
  await observeAlert(ctx, snapshotOf(w, 1, { updatedAt: '2026-02-01T10:00:10Z' }), {
    firstSightingIsNews: true,
  });
  await flushRuns(w, clock);

  const posts = w.h.slack.messagesIn(CHANNEL);
  assert.is(posts.length, 1, posts.map((m) => m.text).join(' / '));
  assert.match(posts[0]!.text, 'An alert was reopened on GitHub');
  assert.ok(
    posts.every((m) => !m.text.includes('was fixed')),
    'never told the open alert was fixed',
  );
  assert.is(await pendingCount(ctx.kv), 0);
});

t(
  'a replaced notice kept for a retry goes out with its replacement, once',
  async ({ w, clock }) => {
    const ctx = w.h.bot.ctx;
    await observeAlert(ctx, snapshotOf(w, 1), { firstSightingIsNews: false });
    await observeAlert(
      ctx,
      snapshotOf(w, 1, { assignees: ['dev-b'], updatedAt: '2026-02-01T10:00:01Z' }),
      { firstSightingIsNews: true },
    );
    await observeAlert(
      ctx,
      snapshotOf(w, 1, {
        assignees: ['dev-b'],
        status: 'dismissed',
        state: 'dismissed',
        closedBy: 'octo-lead',
        updatedAt: '2026-02-01T10:00:06Z',
      }),
      { firstSightingIsNews: true },
    );
    w.h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 0, times: 3 });
    const first = await flushNotifications(ctx, new Date(clock.now + 61_000));
    assert.ok(first.failed > 0);
    assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
    await flushRuns(w, { now: clock.now + 10 * 60_000 });
    const bob = w.h.slack.messagesIn('U0BOB');
    assert.is(bob.length, 1, bob.map((m) => m.text).join(' / '));
    assert.match(bob[0]!.text, 'An alert was closed on GitHub');
    assert.is(await pendingCount(ctx.kv), 0);
  },
);

t.run();
