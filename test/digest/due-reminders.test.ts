import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runJob } from '../../src/jobs/scheduler.ts';
import type { Harness } from '../helpers/harness.ts';
import { CAMPAIGN_CHANNEL, startDigestHarness } from './digest-fixture.ts';

interface Ctx {
  h: Harness;
  clock: { now: Date };
}
const t = suite<Ctx>('due reminders and roll-up', {} as Ctx);

t.before.each(async (ctx) => {
  // The fixture campaign is due 2027-03-01.
  ctx.clock = { now: new Date('2027-02-26T10:00:00Z') };
  ctx.h = await startDigestHarness({
    now: () => ctx.clock.now,
    env: { DUE_REMINDER_DAYS: '3', LEADS_CHANNEL: 'C0LEADS' },
  });
});

t.after.each(async ({ h }) => {
  try {
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

const job = (h: Harness, name: string) => h.bot.jobs.find((j) => j.name === name)!;
const text = (messages: { text: string; blocks?: unknown[] }[]) => JSON.stringify(messages);

t('reminds the channel and each assignee once, three days before the due date', async ({ h }) => {
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  await runJob(h.bot.ctx, job(h, 'due-reminders'));

  const channel = h.slack.messagesIn(CAMPAIGN_CHANNEL);
  assert.is(channel.length, 1);
  assert.match(text(channel), 'is due on *2027-03-01* (3 days left) with *250* open alerts');
  const dms = h.slack.messagesIn('U0BOB');
  const mine = Object.values(h.github.state.repos)
    .flatMap((r) => r.codeAlerts)
    .filter(
      (a) => a.state === 'open' && (a.assignees as { login: string }[])[0]?.login === 'dev-b',
    );
  assert.ok(dms.length >= 1);
  assert.match(dms[0]!.text, `you have ${mine.length} open alerts`);
  for (const a of mine) assert.match(text(dms), a.html_url as string);
});

t('sends no reminder earlier than configured', async ({ h, clock }) => {
  clock.now = new Date('2027-02-20T10:00:00Z');
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  assert.is(h.slack.callsTo('chat.postMessage').length, 0);
});

t('tells the point of contact once, the day after the due date', async ({ h, clock }) => {
  clock.now = new Date('2027-03-02T10:00:00Z');
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  clock.now = new Date('2027-03-03T10:00:00Z');
  await runJob(h.bot.ctx, job(h, 'due-reminders'));

  const dms = h.slack.messagesIn('U0ALICE');
  assert.is(dms.length, 1);
  assert.match(dms[0]!.text, 'passed its due date (2027-03-01) with 250 alerts still open');
});

t('posts the weekly roll-up to the leads channel and edits it on a re-run', async ({ h }) => {
  await runJob(h.bot.ctx, job(h, 'rollup'));
  await runJob(h.bot.ctx, job(h, 'rollup'));
  const posts = h.slack.messagesIn('C0LEADS');
  assert.is(posts.length, 1);
  assert.is(posts[0]!.edits.length, 1);
  assert.match(text(posts), 'SQL injection &lt;b&gt;burn&lt;/b&gt;');
  assert.match(text(posts), '5% done · 250 open · due 2027-03-01 (3 days left)');
});

t.run();
