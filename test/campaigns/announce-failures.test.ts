import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { announceCampaign } from '../../src/campaigns/announce.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import type { AlertSnapshot } from '../../src/domain/types.ts';
import { setPrefs } from '../../src/notify/preferences.ts';
import { startDigestHarness } from '../digest/digest-fixture.ts';
import { makeUser } from '../doubles/slack/workspace.ts';
import type { Harness } from '../helpers/harness.ts';

interface Ctx {
  h: Harness;
  clock: { now: Date };
  campaign: CampaignRecord;
  alerts: AlertSnapshot[];
}
const t = suite<Ctx>('campaign intro DMs', {} as Ctx);

t.before.each(async (ctx) => {
  ctx.clock = { now: new Date('2027-02-26T15:00:00Z') };
  ctx.h = await startDigestHarness({
    now: () => ctx.clock.now,
    env: { ANNOUNCE_CHANNEL: 'C0GENERAL' },
    captureLogs: true,
  });
  ctx.campaign = (await ctx.h.bot.ctx.repos.campaigns.get('cmp-sqli'))!;
  // The fixture's first assigned alerts belong to dev-c, so dev-c's DM goes first.
  ctx.alerts = (await ctx.h.bot.ctx.repos.alerts.getMany(
    ctx.campaign.members.map((m) => ({ kind: 'code' as const, ...m })),
  )) as AlertSnapshot[];
  assert.is(ctx.alerts.find((a) => a.assignees.length)?.assignees[0], 'dev-c');
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

const link = (h: Harness, slackUserId: string, githubLogin: string) =>
  h.bot.ctx.repos.identities.link({
    slackUserId,
    githubLogin,
    source: 'admin',
    linkedAt: '2026-11-01T00:00:00Z',
  });

t('an undeliverable intro DM stops neither the others nor its own retry', async (ctx) => {
  const { h, campaign, alerts } = ctx;
  // dev-c's Slack account is deactivated: Slack answers channel_not_found.
  h.slack.state.users.push(makeUser({ id: 'U0GONE', name: 'gone', deleted: true }));
  await link(h, 'U0GONE', 'dev-c');

  await announceCampaign(h.bot.ctx, campaign, alerts);
  assert.is(h.slack.messagesIn('C0GENERAL').length, 1);
  assert.is(h.slack.messagesIn('U0BOB').length, 1);
  const failed = h.logs.filter((l) => l.msg === 'intro DM not sent' && l.slackUser === 'U0GONE');
  assert.is(failed.length, 1);
  assert.is(failed[0]!.code, 'slack_request_failed');
  assert.is(failed[0]!.slackError, 'channel_not_found');

  // The account comes back and the announcement is retried: only the missing DM goes out.
  h.slack.state.users.find((u) => u.id === 'U0GONE')!.deleted = false;
  await announceCampaign(h.bot.ctx, campaign, alerts);
  assert.is(h.slack.messagesIn('U0GONE').length, 1);
  assert.is(h.slack.messagesIn('U0BOB').length, 1);
  assert.is(h.slack.messagesIn('C0GENERAL').length, 1);
});

t('no intro DM for someone who turned notifications off', async ({ h, campaign, alerts }) => {
  await setPrefs(h.bot.ctx.kv, 'U0BOB', { mode: 'off' });
  await link(h, 'U0CAROL', 'dev-c');
  await announceCampaign(h.bot.ctx, campaign, alerts);
  assert.is(h.slack.messagesIn('U0BOB').length, 0);
  assert.is(h.slack.messagesIn('U0CAROL').length, 1);
  assert.is(h.slack.messagesIn('C0GENERAL').length, 1);
});

t('no extra intro DM for someone who chose one daily DM', async ({ h, campaign, alerts }) => {
  await setPrefs(h.bot.ctx.kv, 'U0BOB', { mode: 'digest' });
  await announceCampaign(h.bot.ctx, campaign, alerts);
  assert.is(h.slack.messagesIn('U0BOB').length, 0);
});

t('an intro DM in quiet hours is scheduled for their end, once', async (ctx) => {
  const { h, campaign, alerts } = ctx;
  // Carol lives in Tokyo: 15:00 UTC is midnight there; her quiet hours end at 07:00 (22:00 UTC).
  await link(h, 'U0CAROL', 'dev-c');
  await setPrefs(h.bot.ctx.kv, 'U0CAROL', { mode: 'on', quiet: { from: '22:00', to: '07:00' } });
  await announceCampaign(h.bot.ctx, campaign, alerts);
  await announceCampaign(h.bot.ctx, campaign, alerts);
  assert.is(h.slack.messagesIn('U0CAROL').length, 0, 'nothing pings her at night');
  assert.is(h.slack.messagesIn('U0BOB').length, 1);
  const scheduled = h.slack.state.scheduled;
  assert.is(scheduled.length, 1, 'scheduled once, not lost and not twice');
  assert.is(new Date(scheduled[0]!.post_at * 1000).toISOString(), '2027-02-26T22:00:00.000Z');
  assert.match(scheduled[0]!.text, 'SQL injection');
});

t.run();
