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

/**
 * Sends the change to GitHub and stores what GitHub answered; the card follows unless the
 * caller refreshes it later (a channel still archived cannot have its card edited).
 */
export async function updateCampaign(
  ctx: AppContext,
  gh: GitHubClient,
  c: CampaignRecord,
  patch: CampaignPatch,
  doing: string,
  options: { refreshCard?: boolean } = {},
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
  // GitHub's answer is the truth: a link it no longer has was cleared, not left out.
  const { contactLink: _gone, ...rest } = fresh;
  const next: CampaignRecord = {
    ...rest,
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
  if (options.refreshCard !== false) await refreshCard(ctx, next);
  return next;
}

async function signedIn(ctx: AppContext, userId: string): Promise<GitHubClient> {
  const acting = await actAs(ctx, userId);
  if (!acting.ok) throw new BotError('identity_not_linked', acting.message);
  return acting.github;
}

async function refreshCard(ctx: AppContext, c: CampaignRecord): Promise<void> {
  await refreshCampaignCard(ctx, c).catch((err) =>
    ctx.logger.warn({ err, campaign: c.id }, 'card refresh after edit failed'),
  );
}

/** Slack's reason in words, for a person told what did not happen. */
function slackReason(err: unknown): string {
  const code = slackErrorCode(err);
  return code ? `Slack said \`${code}\`` : 'Slack did not answer';
}

/**
 * Archives the campaign's channel (already archived is as good) and remembers that Burndown
 * did it, so reopening brings the channel back. Returns what to tell the person.
 */
async function archiveChannel(ctx: AppContext, c: CampaignRecord, channelId: string) {
  try {
    await ctx.slack.conversations.archive({ channel: channelId });
  } catch (err) {
    if (slackErrorCode(err) !== 'already_archived') {
      ctx.logger.error(
        { err, code: 'slack_request_failed', campaign: c.id, channel: channelId },
        'campaign channel not archived',
      );
      return (
        `, but <#${channelId}> could not be archived (${slackReason(err)}). ` +
        `\`/campaign close ${c.number} archive\` tries again.`
      );
    }
  }
  const fresh = (await ctx.repos.campaigns.get(c.id)) ?? c;
  await ctx.repos.campaigns.save({ ...fresh, archivedByBurndown: true });
  return ` and archived <#${channelId}>.`;
}

/** Unarchives the campaign's channel (not archived is as good); returns what to tell. */
async function unarchiveChannel(ctx: AppContext, c: CampaignRecord, channelId: string) {
  try {
    await ctx.slack.conversations.unarchive({ channel: channelId });
  } catch (err) {
    if (slackErrorCode(err) !== 'not_archived') {
      ctx.logger.error(
        { err, code: 'slack_request_failed', campaign: c.id, channel: channelId },
        'campaign channel not unarchived',
      );
      return (
        ` Its channel <#${channelId}> is still archived (${slackReason(err)}); ` +
        `\`/campaign reopen ${c.number} unarchive\` tries again.`
      );
    }
  }
  const fresh = (await ctx.repos.campaigns.get(c.id)) ?? c;
  const record = { ...fresh, archivedByBurndown: false };
  await ctx.repos.campaigns.save(record);
  // The card could not be edited while the channel was archived; it catches up now.
  await refreshCard(ctx, record);
  return ` Its channel is <#${channelId}>.`;
}

export async function closeCampaign(
  ctx: AppContext,
  userId: string,
  c: CampaignRecord,
  archive: boolean,
): Promise<string> {
  const gh = await signedIn(ctx, userId);
  if (c.state === 'closed') {
    // Archiving may have failed after GitHub closed the campaign: asking again still archives.
    if (!archive || !c.channelId) return `Campaign #${c.number} is already closed.`;
    const archived = await archiveChannel(ctx, c, c.channelId);
    return `Campaign #${c.number} was already closed on GitHub${archived}`;
  }
  const closed = await updateCampaign(ctx, gh, c, { state: 'closed' }, 'close the campaign');
  if (!archive || !closed.channelId) return `Closed campaign #${c.number} on GitHub.`;
  const archived = await archiveChannel(ctx, closed, closed.channelId);
  return `Closed campaign #${c.number} on GitHub${archived}`;
}

export async function reopenCampaign(
  ctx: AppContext,
  userId: string,
  c: CampaignRecord,
  unarchive: boolean,
): Promise<string> {
  const gh = await signedIn(ctx, userId);
  const bringBack = Boolean(c.channelId) && (unarchive || c.archivedByBurndown === true);
  if (c.state === 'open') {
    // Unarchiving may have failed after GitHub reopened the campaign: asking again still does.
    if (!bringBack || !c.channelId) return `Campaign #${c.number} is already open.`;
    const where = await unarchiveChannel(ctx, c, c.channelId);
    return `Campaign #${c.number} was already open on GitHub.${where}`;
  }
  const open = await listCampaigns(ctx.github, ctx.config.GITHUB_ORG, { state: 'open' });
  if (open.length >= MAX_OPEN_CAMPAIGNS) {
    const org = ctx.config.GITHUB_ORG;
    return `${org} already has ${open.length} open campaigns, GitHub’s maximum. Close one first.`;
  }
  // GitHub first: if it refuses, the channel stays archived, as the campaign stays closed.
  const reopened = await updateCampaign(ctx, gh, c, { state: 'open' }, 'reopen the campaign', {
    refreshCard: !bringBack,
  });
  const where =
    bringBack && c.channelId
      ? await unarchiveChannel(ctx, reopened, c.channelId)
      : c.channelId
        ? ` Its channel is <#${c.channelId}>.`
        : '';
  return `Reopened campaign #${c.number} on GitHub.${where}`;
}
