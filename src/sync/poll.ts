// The scheduled poll: for installs without a public webhook URL, and to repair deliveries
// GitHub dropped (it never redelivers on its own). Alerts first, then each campaign's totals
// and state, then the notices the changes produced. A steady-state poll is all 304s.
import type { AppContext } from '../app-context.ts';
import { campaignAfterSyncHooks } from '../campaigns/after-sync-hooks.ts';
import type { Config } from '../config.ts';
import { digestAfterSyncHooks } from '../digest/after-sync-hooks.ts';
import type { Job } from '../jobs/scheduler.ts';
import { flushNotifications } from '../notify/flush-notifications.ts';
import type { AfterCampaignSync } from './after-sync.ts';
import { type CampaignSyncResult, syncCampaigns } from './campaign-sync.ts';
import { type AlertPollResult, pollAlerts } from './poll-alerts.ts';

export interface PollResult {
  alerts: AlertPollResult[];
  campaigns: CampaignSyncResult;
}

/** Channel set-up and card first, then the digest's history point, for each campaign. */
export const afterSyncHooks: AfterCampaignSync[] = [
  ...campaignAfterSyncHooks,
  ...digestAfterSyncHooks,
];

export async function pollGitHub(
  ctx: AppContext,
  hooks: AfterCampaignSync[] = afterSyncHooks,
): Promise<PollResult> {
  const alerts = [await pollAlerts(ctx, 'code'), await pollAlerts(ctx, 'secret')];
  const campaigns = await syncCampaigns(ctx, hooks);
  ctx.logger.info(
    {
      pages: alerts.reduce((n, a) => n + a.pages, 0),
      changed: alerts.reduce((n, a) => n + a.changed, 0),
      baseline: alerts.some((a) => a.baseline),
      campaigns: campaigns.synced,
      campaignsUpdated: campaigns.updated,
    },
    'github poll finished',
  );
  if (ctx.config.NOTIFY_BATCH_SECONDS === 0) await flushNotifications(ctx);
  return { alerts, campaigns };
}

export function pollJob(config: Config): Job {
  return {
    name: 'github-poll',
    cron: config.POLL_CRON,
    lockMs: 10 * 60_000,
    async run(ctx) {
      await pollGitHub(ctx);
    },
  };
}
