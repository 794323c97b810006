// Keeps a campaign's pinned card and channel topic current. The card is edited in place
// (chat.update), never reposted, so the pin and the channel history stay quiet.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { campaignUrl } from '../github/campaigns.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { type CardProgress, campaignCard } from './card-blocks.ts';
import { personFor, pointOfContact } from './people.ts';
import { campaignTopic } from './topic.ts';

/** GitHub's totals, with closed split into fixed and dismissed when every member is known. */
export async function cardProgress(
  ctx: AppContext,
  c: CampaignRecord,
): Promise<CardProgress | undefined> {
  if (!c.stats) return undefined;
  const progress: CardProgress = { ...c.stats };
  if (c.adopted || c.members.length === 0) return progress;
  const snapshots = await ctx.repos.alerts.getMany(c.members.map((m) => ({ kind: c.kind, ...m })));
  if (snapshots.some((s) => s === null)) return progress;
  const fixed = snapshots.filter((s) => s?.status === 'fixed').length;
  const dismissed = snapshots.filter((s) => s?.status === 'dismissed').length;
  // Only trust the split when it adds up to GitHub's own closed count.
  if (fixed + dismissed === c.stats.closed) Object.assign(progress, { fixed, dismissed });
  return progress;
}

export function githubUrlOf(ctx: AppContext, c: CampaignRecord): string | undefined {
  if (c.number === undefined) return undefined;
  return c.htmlUrl ?? campaignUrl(ctx.config.GITHUB_WEB_URL, ctx.config.GITHUB_ORG, c.number);
}

export async function buildCampaignCard(ctx: AppContext, c: CampaignRecord): Promise<SlackMessage> {
  const [poc, managers, progress] = await Promise.all([
    pointOfContact(ctx, c),
    Promise.all(c.managers.map((m) => personFor(ctx, m))),
    cardProgress(ctx, c),
  ]);
  return campaignCard({
    campaign: c,
    ...(poc ? { poc } : {}),
    managers,
    ...(progress ? { progress } : {}),
    ...(githubUrlOf(ctx, c) ? { githubUrl: githubUrlOf(ctx, c) } : {}),
    tz: ctx.config.TZ,
    now: ctx.now(),
  });
}

export async function buildTopic(ctx: AppContext, c: CampaignRecord): Promise<string> {
  return campaignTopic(c, await pointOfContact(ctx, c), ctx.config.TZ);
}

/**
 * Rebuilds the pinned card and the topic from current data and updates both in place.
 * Does nothing for a campaign without a channel or card yet (channel set-up posts them).
 */
export async function refreshCampaignCard(ctx: AppContext, campaign: CampaignRecord) {
  if (!campaign.channelId || !campaign.cardTs) {
    ctx.logger.debug({ campaign: campaign.id }, 'no card to refresh yet');
    return;
  }
  const card = await buildCampaignCard(ctx, campaign);
  await ctx.slack.chat.update({ channel: campaign.channelId, ts: campaign.cardTs, ...card });
  const topic = await buildTopic(ctx, campaign);
  if (topic === campaign.setup?.topic) return;
  await ctx.slack.conversations.setTopic({ channel: campaign.channelId, topic });
  // Read again before saving: the sync may have written other fields meanwhile.
  const fresh = (await ctx.repos.campaigns.get(campaign.id)) ?? campaign;
  await ctx.repos.campaigns.save({ ...fresh, setup: { ...fresh.setup, topic } });
  ctx.logger.info({ campaign: campaign.id, channel: campaign.channelId }, 'campaign topic updated');
}
