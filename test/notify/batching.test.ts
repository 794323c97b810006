import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flushNotifications } from '../../src/notify/flush-notifications.ts';
import { dueNotices, markInFlight, pendingCount } from '../../src/notify/pending-store.ts';
import { observeAlert } from '../../src/sync/observe-alert.ts';
import type { MessageView } from '../doubles/slack/index.ts';
import { startHarness } from '../helpers/harness.ts';
import { linkPeople, rejected, snapshotOf, startWorld, type World } from '../sync/sync-world.ts';

const START = Date.parse('2026-02-02T15:00:00Z');
const t = suite<{ w: World; clock: { now: number } }>('batched notices', {} as never);

t.before.each(async (ctx) => {
  ctx.clock = { now: START };
  const people = Array.from({ length: 40 }, (_, i) => ({ id: `U0DEV${i}`, name: `dev${i}` }));
  ctx.w = await startWorld({
    env: { NOTIFY_BATCH_SECONDS: '60' },
    now: () => new Date(ctx.clock.now),
    workspace: {
      users: [
        { id: 'U0ALICE', name: 'alice', tz: 'Europe/Paris' },
        { id: 'U0BOB', name: 'bob', tz: 'America/New_York' },
        { id: 'U0CAROL', name: 'carol', tz: 'Asia/Tokyo' },
        ...people,
      ],
    },
  });
  await linkPeople(ctx.w.h, Object.fromEntries(people.map((p, i) => [`dev-${i}`, p.id])));
});

t.after.each(async ({ w }) => {
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

/** Alert numbers linked from section text (the alert line), not from buttons. */
function listedAlerts(m: MessageView): number[] {
  const texts = (m.blocks ?? []).map((b) => (b as { text?: { text?: string } }).text?.text ?? '');
  return [...texts.join('\n').matchAll(/code-scanning\/(\d+)\|/g)].map((x) => Number(x[1]));
}

function dmsOf(w: World): MessageView[] {
  const ims = [...w.h.slack.state.channels.values()].filter((c) => c.is_im);
  return ims.flatMap((c) => w.h.slack.messagesIn(c.id));
}

t('300 alerts assigned to 40 people send 40 DMs, each alert listed once', async ({ w, clock }) => {
  const ctx = w.h.bot.ctx;
  for (let n = 1; n <= 300; n++) {
    const snap = snapshotOf(w, n, { assignees: [`dev-${n % 40}`] });
    await observeAlert(ctx, snap, { firstSightingIsNews: true });
  }
  assert.is(w.h.slack.callsTo('chat.postMessage').length, 0, 'held for the window');
  await flushNotifications(ctx, new Date(clock.now + 61_000));
  const all = dmsOf(w);
  assert.is(all.length, 40);
  const listed = all.flatMap(listedAlerts).sort((a, b) => a - b);
  assert.equal(
    listed,
    Array.from({ length: 300 }, (_, i) => i + 1),
  );
  for (const m of all) {
    assert.ok((m.blocks ?? []).length <= 50);
    assert.match(m.text, /You were assigned \d+ security alerts/);
  }
  for (let i = 0; i < 40; i++) {
    const mine = listedAlerts(w.h.slack.messagesIn(`U0DEV${i}`)[0]!);
    assert.ok(
      mine.every((n) => n % 40 === i),
      `dev-${i} got only their alerts`,
    );
  }
  assert.is(await pendingCount(ctx.kv), 0);
});

t(
  'one person with 120 alerts gets a compact list, split only as Slack needs',
  async ({ w, clock }) => {
    const ctx = w.h.bot.ctx;
    for (let n = 1; n <= 120; n++) {
      await observeAlert(ctx, snapshotOf(w, n, { assignees: ['dev-b'] }), {
        firstSightingIsNews: true,
      });
    }
    await flushNotifications(ctx, new Date(clock.now + 61_000));
    const bob = w.h.slack.messagesIn('U0BOB');
    assert.ok(bob.length >= 2 && bob.length <= 4, `${bob.length} messages`);
    const listed = bob.flatMap(listedAlerts).sort((a, b) => a - b);
    assert.equal(
      listed,
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    assert.match(bob[1]!.blocks?.[0] ? JSON.stringify(bob[1]!.blocks[0]) : '', '(continued)');
  },
);

t('assignments within the window leave together as one DM', async ({ w, clock }) => {
  const ctx = w.h.bot.ctx;
  await observeAlert(ctx, snapshotOf(w, 1, { assignees: ['dev-b'] }), {
    firstSightingIsNews: true,
  });
  clock.now += 10_000;
  await observeAlert(ctx, snapshotOf(w, 2, { assignees: ['dev-b'] }), {
    firstSightingIsNews: true,
  });
  await flushNotifications(ctx, new Date(START + 30_000));
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0, 'window still open');
  await flushNotifications(ctx, new Date(START + 61_000));
  const bob = w.h.slack.messagesIn('U0BOB');
  assert.is(bob.length, 1);
  assert.equal(listedAlerts(bob[0]!), [1, 2]);
  assert.match(JSON.stringify(bob[0]!.blocks), 'alert:assign_to:2', 'unique action ids');
});

t('an assignment undone before the window closes sends nothing', async ({ w, clock }) => {
  const ctx = w.h.bot.ctx;
  await observeAlert(ctx, snapshotOf(w, 1, { assignees: ['dev-b'] }), {
    firstSightingIsNews: true,
  });
  const undone = snapshotOf(w, 1, { assignees: [], updatedAt: '2026-02-01T10:00:05Z' });
  await observeAlert(ctx, undone, { firstSightingIsNews: true });
  await flushNotifications(ctx, new Date(clock.now + 61_000));
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
  assert.is(await pendingCount(ctx.kv), 0);
});

t('Slack 429s keep the notice for later; it is sent, once', async ({ w, clock }) => {
  const ctx = w.h.bot.ctx;
  await observeAlert(ctx, snapshotOf(w, 1, { assignees: ['dev-b'] }), {
    firstSightingIsNews: true,
  });
  w.h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 0, times: 3 });
  const first = await flushNotifications(ctx, new Date(clock.now + 61_000));
  assert.is(first.failed, 1);
  assert.is(await pendingCount(ctx.kv), 1, 'kept, not dropped');
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
  await flushNotifications(ctx, new Date(clock.now + 61_000 + 5 * 60_000));
  await flushNotifications(ctx, new Date(clock.now + 61_000 + 10 * 60_000));
  assert.is(w.h.slack.messagesIn('U0BOB').length, 1);
  assert.is(await pendingCount(ctx.kv), 0);
});

t('a notice whose send outcome the store never learned is not sent twice', async ({ w, clock }) => {
  const ctx = w.h.bot.ctx;
  await observeAlert(ctx, snapshotOf(w, 1, { assignees: ['dev-b'] }), {
    firstSightingIsNews: true,
  });
  const at = new Date(clock.now + 61_000);
  // As if Slack took the message and the store died before hearing back.
  await markInFlight(ctx.kv, await dueNotices(ctx.kv, at.getTime()));
  await flushNotifications(ctx, at);
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
  assert.is(await pendingCount(ctx.kv), 0);
});

t('two replicas seeing the same change at once send one DM', async ({ w, clock }) => {
  const other = await startHarness({
    shared: { kv: w.h.kv, github: w.h.github, slack: w.h.slack },
    env: { NOTIFY_BATCH_SECONDS: '60' },
    now: () => new Date(clock.now),
  });
  try {
    const snap = snapshotOf(w, 1, { assignees: ['dev-b'] });
    await Promise.all([
      observeAlert(w.h.bot.ctx, snap, { firstSightingIsNews: true }),
      observeAlert(other.bot.ctx, snap, { firstSightingIsNews: true }),
    ]);
    const at = new Date(clock.now + 61_000);
    await Promise.all([flushNotifications(w.h.bot.ctx, at), flushNotifications(other.bot.ctx, at)]);
    await flushNotifications(w.h.bot.ctx, at);
    assert.is(w.h.slack.messagesIn('U0BOB').length, 1);
  } finally {
    await other.close();
  }
});

t.run();
