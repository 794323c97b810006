// Changes to a published campaign: GitHub first, with the person's own token, then the
// record, the pinned card and the topic follow. Closing can archive the channel, and
// reopening brings it back.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { BotError } from '../errors.ts';
import { listCampaigns, toCampaign } from '../github/campaigns.ts';
import type { GitHubClient } from '../github/client.ts';
import { explainGitHubError } from '../github/explain-error.ts';
import { actAs } from '../identity/authorize.ts';
import { refreshCampaignCard } from './card.ts';
import { MAX_OPEN_CAMPAIGNS } from './limits.ts';
import { slackErrorCode } from './slack-error.ts';

export interface CampaignPatch {
  name?: string;
  description?: string;
  ends_at?: string;
  managers?: string[];
  team_managers?: string[];
  contact_link?: string | null;
  state?: 'open' | 'closed';
}

/** Sends the change to GitHub and stores what GitHub answered; the card follows. */
export async function updateCampaign(
  ctx: AppContext,
  gh: GitHubClient,
  c: CampaignRecord,
  patch: CampaignPatch,
  doing: string,
): Promise<CampaignRecord> {
  if (c.number === undefined) throw new BotError('campaign_invalid', 'This campaign is a draft.');
  let answer: ReturnType<typeof toCampaign>;
  try {
    const res = await gh.rest.campaigns.updateCampaign({
      org: ctx.config.GITHUB_ORG,
      campaign_number: c.number,
      ...patch,
    });
    answer = toCampaign(res.data);
  } catch (err) {
    throw explainGitHubError(err, doing);
  }
  const fresh = (await ctx.repos.campaigns.get(c.id)) ?? c;
  const next: CampaignRecord = {
    ...fresh,
    name: answer.name,
    description: answer.description,
    endsAt: answer.endsAt,
    managers: answer.managers,
    teamManagers: answer.teamManagers,
    ...(answer.contactLink ? { contactLink: answer.contactLink } : {}),
    state: answer.state,
    ...(answer.stats ? { stats: answer.stats } : {}),
    updatedAt: ctx.now().toISOString(),
  };
  await ctx.repos.campaigns.save(next);
  await refreshCampaignCard(ctx, next).catch((err) =>
    ctx.logger.warn({ err, campaign: c.id }, 'card refresh after edit failed'),
  );
  return next;
}

async function signedIn(ctx: AppContext, userId: string): Promise<GitHubClient> {
  const acting = await actAs(ctx, userId);
  if (!acting.ok) throw new BotError('identity_not_linked', acting.message);
  return acting.github;
}

export async function closeCampaign(
  ctx: AppContext,
  userId: string,
  c: CampaignRecord,
  archive: boolean,
): Promise<string> {
  const gh = await signedIn(ctx, userId);
  if (c.state === 'closed') return `Campaign #${c.number} is already closed.`;
  const closed = await updateCampaign(ctx, gh, c, { state: 'closed' }, 'close the campaign');
  if (!archive || !closed.channelId) return `Closed campaign #${c.number} on GitHub.`;
  try {
    await ctx.slack.conversations.archive({ channel: closed.channelId });
  } catch (err) {
    if (slackErrorCode(err) !== 'already_archived') throw err;
  }
  await ctx.repos.campaigns.save({ ...closed, archivedByBurndown: true });
  return `Closed campaign #${c.number} on GitHub and archived <#${closed.channelId}>.`;
}

export async function reopenCampaign(
  ctx: AppContext,
  userId: string,
  c: CampaignRecord,
  unarchive: boolean,
): Promise<string> {
  const gh = await signedIn(ctx, userId);
  if (c.state === 'open') return `Campaign #${c.number} is already open.`;
  const open = await listCampaigns(ctx.github, ctx.config.GITHUB_ORG, { state: 'open' });
  if (open.length >= MAX_OPEN_CAMPAIGNS) {
    const org = ctx.config.GITHUB_ORG;
    return `${org} already has ${open.length} open campaigns, GitHub’s maximum. Close one first.`;
  }
  let record = c;
  if (c.channelId && (unarchive || c.archivedByBurndown)) {
    try {
      await ctx.slack.conversations.unarchive({ channel: c.channelId });
    } catch (err) {
      if (slackErrorCode(err) !== 'not_archived') throw err;
    }
    record = { ...c, archivedByBurndown: false };
    await ctx.repos.campaigns.save(record);
  }
  await updateCampaign(ctx, gh, record, { state: 'open' }, 'reopen the campaign');
  const where = c.channelId ? ` Its channel is <#${c.channelId}>.` : '';
  return `Reopened campaign #${c.number} on GitHub.${where}`;
}
