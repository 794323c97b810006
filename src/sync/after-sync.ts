// Work that follows each sync of a campaign (the poll, or a sync on demand), registered by
// the capabilities that need fresh data: history snapshots, the pinned card, and so on.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';

export type AfterCampaignSync = (ctx: AppContext, campaign: CampaignRecord) => Promise<void>;

/** Called by the sync for each campaign it refreshed; a failing hook is logged, not fatal. */
export async function runAfterSync(
  ctx: AppContext,
  campaign: CampaignRecord,
  hooks: AfterCampaignSync[],
): Promise<void> {
  for (const hook of hooks) {
    try {
      await hook(ctx, campaign);
    } catch (err) {
      ctx.logger.warn({ err, campaign: campaign.id, hook: hook.name }, 'after-sync step failed');
    }
  }
}
