// What the digest needs after each campaign sync: today's history point. The sync has just
// stored fresh snapshots, so this reads them from the store without calling GitHub, except
// for a member it has never seen.
import type { AfterCampaignSync } from '../sync/after-sync.ts';
import { memberAlerts } from './member-alerts.ts';
import { recordHistory } from './record-history.ts';

export const recordHistoryAfterSync: AfterCampaignSync = async (ctx, campaign) => {
  if (campaign.state !== 'open') return;
  const snapshots = await memberAlerts(ctx, campaign);
  // Adopted campaigns have no members; their totals are the ones sync copied from GitHub.
  const totals = campaign.members.length ? undefined : campaign.stats;
  await recordHistory(ctx, campaign, snapshots, totals);
};

export const digestAfterSyncHooks: AfterCampaignSync[] = [recordHistoryAfterSync];
