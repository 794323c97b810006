// Sync in the tour: GitHub changes alerts on its own pages, the poll notices, and people hear
// about it once: one DM per developer for a batch, the DM redrawn when an alert is dismissed,
// the point of contact told why, and fixes posted in the campaign channel.
import type { CampaignRecord } from '../../../src/domain/campaign.ts';
import { pollGitHub } from '../../../src/sync/poll.ts';
import { type GhCodeAlert, simpleUser } from '../../doubles/github/index.ts';
import { renderMessage } from '../render.ts';
import type { Tour, TourStep } from '../tour-kit.ts';

/** The tour's campaign: the one created earlier, or one mirrored from GitHub if none. */
async function tourCampaign(t: Tour): Promise<CampaignRecord> {
  const ctx = t.h.bot.ctx;
  const existing = (await ctx.repos.campaigns.list()).find(
    (c) => c.state === 'open' && c.members.length > 0,
  );
  if (existing) return existing;
  const org = t.h.github.state.orgs[t.h.config.GITHUB_ORG]!;
  const gh = org.campaigns[0]!;
  const members = gh.codeAlerts.flatMap((ref) => {
    const repo = Object.values(t.h.github.state.repos).find((r) => r.repo.id === ref.repository_id);
    return ref.alert_numbers.map((number) => ({
      repoId: ref.repository_id,
      repo: repo?.repo.full_name ?? '',
      number,
    }));
  });
  const record: CampaignRecord = {
    id: `demo-${gh.summary.number}`,
    number: gh.summary.number,
    kind: 'code',
    state: 'open',
    name: String(gh.summary.name),
    description: String(gh.summary.description),
    endsAt: String(gh.summary.ends_at),
    managers: (gh.summary.managers as { login: string }[]).map((m) => m.login),
    teamManagers: [],
    members,
    createdAt: String(gh.summary.created_at),
    updatedAt: String(gh.summary.updated_at),
  };
  await ctx.repos.campaigns.save(record);
  return record;
}

function memberAlerts(t: Tour, c: CampaignRecord): GhCodeAlert[] {
  return c.members.flatMap((m) => {
    const repo = Object.values(t.h.github.state.repos).find((r) => r.repo.id === m.repoId);
    const a = repo?.codeAlerts.find((x) => x.number === m.number && x.state === 'open');
    return a ? [a] : [];
  });
}

const stamp = (t: Tour) => new Date(t.h.github.now()).toISOString().replace(/\.\d+Z$/, 'Z');
let batch: GhCodeAlert[] = [];

export const batchOfAssignments: TourStep = {
  title: 'GitHub assigns a batch of campaign alerts; each developer gets one DM',
  async run(t) {
    const campaign = await tourCampaign(t);
    const first = await pollGitHub(t.h.bot.ctx);
    const seen = first.alerts.reduce((n, a) => n + a.seen, 0);
    t.say(
      `Burndown polls GitHub: ${seen} alerts read, ${first.campaigns.synced} campaigns synced.`,
    );
    const alex = t.person('alex-dev');
    const priya = t.person('priya-dev');
    const open = memberAlerts(t, campaign).filter((a) => a.assignees.length === 0);
    batch = open.slice(0, 6);
    const forPriya = open.slice(6, 9);
    t.h.github.advanceTime(60_000);
    for (const a of batch) {
      a.assignees = [simpleUser(t.h.github.state.users[alex.login]!)];
      a.updated_at = stamp(t);
    }
    for (const a of forPriya) {
      a.assignees = [simpleUser(t.h.github.state.users[priya.login]!)];
      a.updated_at = stamp(t);
    }
    t.say(
      `On GitHub, ${batch.length} alerts of "${campaign.name}" go to ${alex.name} and ` +
        `${forPriya.length} to ${priya.name}.`,
    );
    const before = t.h.github.countedRequests().length;
    await pollGitHub(t.h.bot.ctx);
    const cost = t.h.github.countedRequests().length - before;
    const requests = cost === 1 ? '1 rate-limited request' : `${cost} rate-limited requests`;
    t.say(`The next poll finds them (${requests}; unchanged pages answer 304).`);
    const dms = t.showDms(alex.slack) + t.showDms(priya.slack);
    t.say(`${dms} DMs in all: one per person, not one per alert.`);
  },
};

export const dismissalOnGitHub: TourStep = {
  title: 'An alert is dismissed on GitHub: the DM is redrawn and the point of contact told',
  async run(t) {
    const alex = t.person('alex-dev');
    const target = batch[0];
    if (!target) throw new Error('no assigned alert from the previous step');
    const dm = t.h.slack
      .messagesIn(alex.slack)
      .find((m) => JSON.stringify(m.blocks ?? []).includes(String(target.html_url)));
    t.h.github.advanceTime(60_000);
    target.state = 'dismissed';
    target.dismissed_reason = 'false positive';
    target.dismissed_comment = 'The input is an enum validated by the router.';
    target.dismissed_by = simpleUser(t.h.github.state.users['kim-lead']!);
    target.dismissed_at = stamp(t);
    target.updated_at = stamp(t);
    t.say(`Kim dismisses ${target.html_url} on GitHub's pages as "false positive".`);
    await pollGitHub(t.h.bot.ctx);
    const edited = t.h.slack.messagesIn(alex.slack).find((m) => m.ts === dm?.ts);
    if (edited) {
      t.say(`${alex.name}'s DM is edited in place (${edited.edits.length} edit):`);
      console.log(renderMessage(edited, t.names));
    }
    t.showDms(alex.slack);
    const campaign = await tourCampaign(t);
    const poc = campaign.managers[0];
    const contact = poc ? t.h.bot.ctx.repos.identities.byGitHubLogin(poc) : null;
    const link = await contact;
    if (link) t.showDms(link.slackUserId);
  },
};

export const fixInChannel: TourStep = {
  title: 'A fix lands on GitHub; the campaign channel hears about it',
  async run(t) {
    const target = batch[1];
    if (!target) throw new Error('no assigned alert from the first sync step');
    t.h.github.advanceTime(60_000);
    target.state = 'fixed';
    target.fixed_at = stamp(t);
    target.updated_at = stamp(t);
    (target.most_recent_instance as { state: string }).state = 'fixed';
    t.say(`A new analysis no longer finds ${target.html_url}: GitHub marks it fixed.`);
    await pollGitHub(t.h.bot.ctx);
    const campaign = await tourCampaign(t);
    if (!campaign.channelId) {
      t.say('This campaign has no Slack channel, so the fix is only shown in redrawn DMs.');
      return;
    }
    t.showNew(campaign.channelId, 'The campaign channel');
  },
};
