// What the sync runs after refreshing each campaign: finish a channel set-up that a Slack
// error or a crash interrupted, then bring the pinned card and topic up to date.
import type { AfterCampaignSync } from '../sync/after-sync.ts';
import { refreshCampaignCard } from './card.ts';
import { ensureCampaignChannel } from './channel-setup.ts';

async function completeChannelSetup(...args: Parameters<AfterCampaignSync>) {
  const [ctx, campaign] = args;
  if (campaign.state === 'draft' || campaign.number === undefined) return;
  const done = await ensureCampaignChannel(ctx, campaign);
  // The set-up posts a fresh card itself; refresh only one that already existed.
  if (done.cardTs && done.cardTs === campaign.cardTs) await refreshCampaignCard(ctx, done);
}

export const campaignAfterSyncHooks: AfterCampaignSync[] = [completeChannelSetup];
