import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { runJob } from '../../src/jobs/scheduler.ts';
import { CAMPAIGN_CHANNEL, startDigestHarness } from '../digest/digest-fixture.ts';
import { type Harness, ORG } from '../helpers/harness.ts';

interface Ctx {
  h: Harness;
  campaign: CampaignRecord;
}
const t = suite<Ctx>('closed campaigns and the poll', {} as Ctx);

const SET_UP = {
  topic: 'set',
  purpose: true,
  pinned: true,
  bookmark: true,
  invited: true,
  contactLinked: true,
};

t.before.each(async (ctx) => {
  ctx.h = await startDigestHarness({
    now: () => new Date('2027-02-26T10:00:00Z'),
    captureLogs: true,
  });
  // A campaign whose channel set-up finished: its card is posted and pinned.
  const bot = ctx.h.bot.ctx;
  const card = await bot.slack.chat.postMessage({ channel: CAMPAIGN_CHANNEL, text: 'card' });
  const c = (await bot.repos.campaigns.get('cmp-sqli'))!;
  ctx.campaign = { ...c, cardTs: card.ts!, setup: SET_UP };
  await bot.repos.campaigns.save(ctx.campaign);
});

t.after.each(async ({ h }) => {
  await h.close();
});

const poll = (h: Harness) => runJob(h.bot.ctx, h.bot.jobs.find((j) => j.name === 'github-poll')!);
const cardEdits = (h: Harness) =>
  h.slack.callsTo('chat.update').filter((c) => c.args.channel === CAMPAIGN_CHANNEL);
const stepFailures = (h: Harness) => h.logs.filter((l) => l.msg === 'after-sync step failed');

t('a campaign closed and archived from Slack is left alone by every poll', async (ctx) => {
  const { h, campaign } = ctx;
  // What `/campaign close … archive` leaves behind; it refreshed the card before archiving.
  h.github.state.orgs[ORG]!.campaigns[0]!.summary.state = 'closed';
  await h.bot.ctx.repos.campaigns.save({ ...campaign, state: 'closed', archivedByBurndown: true });
  await h.bot.ctx.slack.conversations.archive({ channel: CAMPAIGN_CHANNEL });

  await poll(h);
  await poll(h);
  await poll(h);
  assert.is(cardEdits(h).length, 0);
  assert.equal(stepFailures(h), []);
});

t('a campaign closed on GitHub gets one last card refresh, then no more', async ({ h }) => {
  await poll(h);
  const before = cardEdits(h).length;
  h.github.state.orgs[ORG]!.campaigns[0]!.summary.state = 'closed';

  await poll(h);
  const edits = cardEdits(h);
  assert.is(edits.length, before + 1);
  assert.match(JSON.stringify(edits.at(-1)!.args), 'Closed: ');

  // People archive the channel by hand; the poll must not keep knocking on it.
  await h.bot.ctx.slack.conversations.archive({ channel: CAMPAIGN_CHANNEL });
  await poll(h);
  await poll(h);
  assert.is(cardEdits(h).length, before + 1);
  assert.equal(stepFailures(h), []);
});

t('a campaign reopened after closing is refreshed again when it closes again', async (ctx) => {
  const { h } = ctx;
  const summary = h.github.state.orgs[ORG]!.campaigns[0]!.summary;
  summary.state = 'closed';
  await poll(h);
  const closedOnce = cardEdits(h).length;
  summary.state = 'open';
  await poll(h);
  summary.state = 'closed';
  await poll(h);
  const closedTwice = cardEdits(h).length;
  assert.ok(closedTwice > closedOnce);
  assert.match(JSON.stringify(cardEdits(h).at(-1)!.args), 'Closed: ');
  await poll(h);
  assert.is(cardEdits(h).length, closedTwice);
});

t.run();
