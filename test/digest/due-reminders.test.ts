import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { runJob } from '../../src/jobs/scheduler.ts';
import { setPrefs } from '../../src/notify/preferences.ts';
import { makeUser } from '../doubles/slack/workspace.ts';
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
    captureLogs: true,
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

/** dev-c's Slack account was deactivated: Slack answers channel_not_found to a DM. */
async function linkDeactivated(h: Harness) {
  h.slack.state.users.push(makeUser({ id: 'U0GONE', name: 'gone', deleted: true }));
  await h.bot.ctx.repos.identities.link({
    slackUserId: 'U0GONE',
    githubLogin: 'dev-c',
    source: 'admin',
    linkedAt: '2026-11-01T00:00:00Z',
  });
}

const campaign = async (h: Harness) => (await h.bot.ctx.repos.campaigns.get('cmp-sqli'))!;
const logsSaying = (h: Harness, msg: string) => h.logs.filter((l) => l.msg === msg);

t('one undeliverable DM neither repeats the channel note nor stops other DMs', async (ctx) => {
  const { h, clock } = ctx;
  await linkDeactivated(h);
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  const bobFirst = h.slack.messagesIn('U0BOB').length;
  clock.now = new Date('2027-02-27T10:00:00Z');
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  clock.now = new Date('2027-02-28T10:00:00Z');
  await runJob(h.bot.ctx, job(h, 'due-reminders'));

  assert.is(h.slack.messagesIn(CAMPAIGN_CHANNEL).length, 1);
  assert.ok(bobFirst >= 1, 'dev-b is reminded on the first run');
  assert.is(h.slack.messagesIn('U0BOB').length, bobFirst);
  const failed = logsSaying(h, 'due reminder not sent; retried next run');
  assert.ok(failed.length >= 1);
  for (const l of failed) {
    assert.is(l.slackUser, 'U0GONE');
    assert.is(l.code, 'slack_request_failed');
    assert.is(l.slackError, 'channel_not_found');
  }
});

t('the DM names the same local due day as the channel, west of UTC', async () => {
  const clock = { now: new Date('2027-02-26T18:00:00Z') };
  const h = await startDigestHarness({
    now: () => clock.now,
    env: { DUE_REMINDER_DAYS: '3', TZ: 'America/Los_Angeles' },
  });
  try {
    // The end of 1 March in Los Angeles is already 2 March in UTC.
    const c = await campaign(h);
    await h.bot.ctx.repos.campaigns.save({ ...c, endsAt: '2027-03-02T07:59:59Z' });
    await runJob(h.bot.ctx, job(h, 'due-reminders'));
    assert.match(h.slack.messagesIn(CAMPAIGN_CHANNEL)[0]!.text, 'is due on 2027-03-01');
    const dms = h.slack.messagesIn('U0BOB');
    assert.ok(dms.length >= 1);
    assert.match(dms[0]!.text, 'is due on 2027-03-01;');
    assert.match(text(dms), 'is due on *2027-03-01*');
    assert.not.match(text(dms), '2027-03-02');
  } finally {
    await h.close();
  }
});

t('no reminder DM for someone who turned notifications off', async ({ h }) => {
  await setPrefs(h.bot.ctx.kv, 'U0BOB', { mode: 'off' });
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  assert.is(h.slack.messagesIn(CAMPAIGN_CHANNEL).length, 1);
  assert.is(h.slack.messagesIn('U0BOB').length, 0);
});

t('no extra reminder DM for someone who chose one daily DM', async ({ h }) => {
  await setPrefs(h.bot.ctx.kv, 'U0BOB', { mode: 'digest' });
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  assert.is(h.slack.messagesIn(CAMPAIGN_CHANNEL).length, 1);
  assert.is(h.slack.messagesIn('U0BOB').length, 0);
});

t('a reminder DM in quiet hours is scheduled for their end, once', async ({ h }) => {
  // Bob lives in New York: 10:00 UTC is 05:00 there, inside his quiet hours until 08:00.
  await setPrefs(h.bot.ctx.kv, 'U0BOB', { mode: 'on', quiet: { from: '19:00', to: '08:00' } });
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  await runJob(h.bot.ctx, job(h, 'due-reminders'));
  assert.is(h.slack.messagesIn(CAMPAIGN_CHANNEL).length, 1);
  assert.is(h.slack.messagesIn('U0BOB').length, 0, 'nothing pings him before 08:00');
  const forBob = h.slack.state.scheduled;
  assert.ok(forBob.length >= 1);
  assert.ok(forBob.every((m) => m.channel.startsWith('D')));
  const at = new Date(forBob[0]!.post_at * 1000).toISOString();
  assert.match(at, /T13:00:00/, '08:00 in New York');
  assert.match(forBob[0]!.text, 'is due on');
  assert.is(new Set(forBob.map((m) => m.post_at)).size, 1, 'one reminder, not one per run');
});

t('an alert GitHub no longer has does not stop reminders or the digest', async ({ h }) => {
  const c = await campaign(h);
  // A member Burndown never stored, in a repository since deleted: GitHub answers 404.
  const gone = { ...c.members[0]!, repo: 'acme/deleted-repo', repoId: 999_999 };
  await h.bot.ctx.repos.campaigns.save({ ...c, members: [...c.members, gone] });
  assert.is(await runJob(h.bot.ctx, job(h, 'due-reminders')), 'ran');
  assert.is(await runJob(h.bot.ctx, job(h, 'digest')), 'ran');

  const channel = h.slack.messagesIn(CAMPAIGN_CHANNEL);
  assert.match(text(channel), 'with *250* open alerts');
  assert.ok(channel.length >= 2, 'the reminder and the digest both reached the channel');
  assert.ok(h.slack.messagesIn('U0BOB').length >= 1);
  assert.is(logsSaying(h, 'due reminder failed').length, 0);
  const left = logsSaying(h, 'campaign alerts gone from github; left out');
  assert.ok(left.length >= 1);
  assert.equal(left[0]!.alerts, ['acme/deleted-repo#1']);
});

/** A second open campaign, healthy, with no number on GitHub's side to compare with. */
async function saveOtherCampaign(h: Harness, c: CampaignRecord) {
  const { channelId: _channel, ...rest } = c;
  await h.bot.ctx.repos.campaigns.save({
    ...rest,
    id: 'cmp-other',
    number: 2,
    name: 'Other sweep',
    members: c.members.slice(1, 5),
  });
}

t('the roll-up leaves out alerts deleted on GitHub instead of failing', async ({ h }) => {
  const c = await campaign(h);
  await saveOtherCampaign(h, c);
  // GitHub's totals no longer count it, so Burndown reads every alert again and meets a 404.
  const repo = Object.values(h.github.state.repos).find((r) => r.repo.id === c.members[0]!.repoId);
  const idx = repo!.codeAlerts.findIndex((a) => a.number === c.members[0]!.number);
  repo!.codeAlerts.splice(idx, 1);

  assert.is(await runJob(h.bot.ctx, job(h, 'rollup')), 'ran');
  const posts = h.slack.messagesIn('C0LEADS');
  assert.is(posts.length, 1);
  assert.match(text(posts), '249 open · due 2027-03-01');
  assert.match(text(posts), 'Other sweep');
});

t('one campaign whose progress cannot be read does not stop the roll-up', async ({ h }) => {
  const c = await campaign(h);
  await saveOtherCampaign(h, c);
  const repo = Object.values(h.github.state.repos).find((r) => r.repo.id === c.members[0]!.repoId);
  repo!.codeAlerts.splice(0, 1);
  // The re-read that follows is refused outright.
  h.github.failNext(
    { method: 'GET', path: /\/code-scanning\/alerts\/\d+$/ },
    { status: 403, times: 10_000 },
  );

  assert.is(await runJob(h.bot.ctx, job(h, 'rollup')), 'ran');
  const posts = h.slack.messagesIn('C0LEADS');
  assert.is(posts.length, 1);
  assert.match(text(posts), 'Its progress could not be read this time');
  assert.match(posts[0]!.text, 'SQL injection &lt;b&gt;burn&lt;/b&gt;: progress could not be read');
  assert.match(posts[0]!.text, /Other sweep: \d+% done, 4 open/);
  const failed = logsSaying(h, 'roll-up could not read campaign progress');
  assert.is(failed.length, 1);
  assert.is(failed[0]!.campaign, 'cmp-sqli');
  assert.is(failed[0]!.code, 'github_forbidden');
});

t.run();
