// What the sync runs after refreshing each campaign: finish a channel set-up that a Slack
// error or a crash interrupted, then bring the pinned card and topic up to date.
//
// A closed campaign's channel is often archived, and Slack refuses every change to it
// (is_archived), so closed campaigns are left alone, but for one last refresh when they
// close, so the card shows the final state. `/campaign close` refreshes the card itself
// before archiving; a campaign closed (or deleted) on GitHub gets that refresh here.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { claimOnce, isClaimed, releaseClaim } from '../store/lock.ts';
import type { AfterCampaignSync } from '../sync/after-sync.ts';
import { refreshCampaignCard } from './card.ts';
import { ensureCampaignChannel } from './channel-setup.ts';

// Longer than any campaign stays closed in practice; after it, one more refresh is tried.
const CLOSED_CARD_TTL_MS = 400 * 86_400_000;
const closedCardKey = (c: CampaignRecord) => `campaign-closed-card:${c.id}`;

/** The one refresh a campaign gets when it closes; never retried, or it fails every poll. */
async function finalRefresh(ctx: AppContext, campaign: CampaignRecord) {
  if (!(await claimOnce(ctx.kv, closedCardKey(campaign), CLOSED_CARD_TTL_MS))) return;
  // Burndown archives only from `/campaign close`, which has refreshed the card already.
  if (campaign.archivedByBurndown) return;
  await refreshCampaignCard(ctx, campaign);
}

async function completeChannelSetup(...args: Parameters<AfterCampaignSync>) {
  const [ctx, campaign] = args;
  if (campaign.state === 'draft' || campaign.number === undefined) return;
  if (campaign.state === 'closed') {
    await finalRefresh(ctx, campaign);
    return;
  }
  // Reopened: a later close is news again.
  if (await isClaimed(ctx.kv, closedCardKey(campaign))) {
    await releaseClaim(ctx.kv, closedCardKey(campaign));
  }
  const done = await ensureCampaignChannel(ctx, campaign);
  // The set-up posts a fresh card itself; refresh only one that already existed.
  if (done.cardTs && done.cardTs === campaign.cardTs) await refreshCampaignCard(ctx, done);
}

export const campaignAfterSyncHooks: AfterCampaignSync[] = [completeChannelSetup];
