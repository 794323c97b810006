import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { deliveryTime } from '../../src/notify/delivery-time.ts';
import { flushNotifications } from '../../src/notify/flush-notifications.ts';
import { pendingCount } from '../../src/notify/pending-store.ts';
import { observeAlert } from '../../src/sync/observe-alert.ts';
import { rejected, snapshotOf, startWorld, type World } from '../sync/sync-world.ts';

// 15:00 UTC is 10:00 in New York, where bob lives (America/New_York in the Slack double).
const START = Date.parse('2026-02-02T15:00:00Z');
const t = suite<{ w: World; clock: { now: number } }>('notification preferences', {} as never);

t.before.each(async (ctx) => {
  ctx.clock = { now: START };
  ctx.w = await startWorld({ now: () => new Date(ctx.clock.now) });
});

t.after.each(async ({ w }) => {
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

const reply = (r: { responses: Record<string, unknown>[] }) => String(r.responses[0]?.text ?? '');
const assign = (w: World, n: number, login: string) =>
  observeAlert(w.h.bot.ctx, snapshotOf(w, n, { assignees: [login] }), {
    firstSightingIsNews: true,
  });

t('notify off: assignments send no DM', async ({ w }) => {
  assert.match(reply(await w.h.command('notify off', { user: 'U0BOB' })), 'not at all');
  await assign(w, 1, 'dev-b');
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
  assert.is(await pendingCount(w.h.kv), 0);
});

t('notify digest: one DM the next morning, listing everything', async ({ w }) => {
  assert.match(reply(await w.h.command('notify digest', { user: 'U0BOB' })), 'once a day');
  await assign(w, 1, 'dev-b');
  await assign(w, 2, 'dev-b');
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
  await flushNotifications(w.h.bot.ctx, new Date('2026-02-03T13:59:00Z'));
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0, 'not before 09:00 New York time');
  await flushNotifications(w.h.bot.ctx, new Date('2026-02-03T14:00:00Z'));
  const bob = w.h.slack.messagesIn('U0BOB');
  assert.is(bob.length, 1);
  assert.match(bob[0]!.text, 'You were assigned 2 security alerts');
});

t('quiet hours in the person’s time zone hold notices until they end', async ({ w, clock }) => {
  const set = await w.h.command('notify quiet 19:00-08:00', { user: 'U0BOB' });
  assert.match(reply(set), '19:00-08:00 (America/New_York)');
  clock.now = Date.parse('2026-02-03T01:00:00Z'); // 20:00 in New York
  await assign(w, 1, 'dev-b');
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0);
  await flushNotifications(w.h.bot.ctx, new Date('2026-02-03T12:30:00Z'));
  assert.is(w.h.slack.messagesIn('U0BOB').length, 0, '07:30 is still quiet');
  await flushNotifications(w.h.bot.ctx, new Date('2026-02-03T13:00:00Z'));
  assert.is(w.h.slack.messagesIn('U0BOB').length, 1, 'sent at 08:00, nothing lost');
});

t('bad input to notify answers with usage and changes nothing', async ({ w }) => {
  assert.match(
    reply(await w.h.command('notify quiet 25:00-08:00', { user: 'U0BOB' })),
    'is not a time range',
  );
  assert.match(reply(await w.h.command('notify loud', { user: 'U0BOB' })), '/campaign notify on');
  assert.match(
    reply(await w.h.command('notify', { user: 'U0BOB' })),
    'in real time. No quiet hours.',
  );
});

t('quiet hours that wrap midnight and the digest hour follow the clock change', () => {
  const prefs = { mode: 'on' as const, quiet: { from: '22:00', to: '07:00' } };
  // 23:30 in Paris on the night summer time starts: held until 07:00 local (05:00 UTC).
  const at = deliveryTime(Date.parse('2026-03-28T22:30:00Z'), prefs, 'Europe/Paris');
  assert.is(new Date(at!).toISOString(), '2026-03-29T05:00:00.000Z');
  const digest = deliveryTime(Date.parse('2026-03-29T10:00:00Z'), { mode: 'digest' }, 'Asia/Tokyo');
  assert.is(new Date(digest!).toISOString(), '2026-03-30T00:00:00.000Z');
  assert.is(deliveryTime(0, { mode: 'off' }, 'UTC'), null);
});

t(
  'an assignee without Slack is named in plain text to the point of contact, once',
  async ({ w }) => {
    await assign(w, 1, 'dev-unmapped');
    await observeAlert(
      w.h.bot.ctx,
      snapshotOf(w, 2, { assignees: ['dev-unmapped'], updatedAt: '2026-02-01T11:00:00Z' }),
      { firstSightingIsNews: true },
    );
    const alice = w.h.slack.messagesIn('U0ALICE');
    assert.is(alice.length, 1, 'told once per campaign');
    const text = JSON.stringify(alice[0]!.blocks);
    assert.match(text, '`dev-unmapped`');
    assert.match(text, 'Critical SQL injection');
    assert.not.match(text, '<@');
  },
);

t.run();
