// The scheduled poll: for installs without a public webhook URL, and to repair deliveries
// GitHub dropped (it never redelivers on its own). Alerts first, then each campaign's totals
// and state, then the notices the changes produced. A steady-state poll is all 304s.
// Code alerts, secret alerts and campaigns are read independently: one that fails is logged
// and read again by the next poll, and never stops the others.
import type { AppContext } from '../app-context.ts';
import { campaignAfterSyncHooks } from '../campaigns/after-sync-hooks.ts';
import type { Config } from '../config.ts';
import { digestAfterSyncHooks } from '../digest/after-sync-hooks.ts';
import type { Job } from '../jobs/scheduler.ts';
import { flushNotifications } from '../notify/flush-notifications.ts';
import type { AfterCampaignSync } from './after-sync.ts';
import { type CampaignSyncResult, syncCampaigns } from './campaign-sync.ts';
import { failureCode } from './failure-code.ts';
import { type AlertPollResult, pollAlerts } from './poll-alerts.ts';

export type PollPart = 'code' | 'secret' | 'campaigns';

export interface PollResult {
  /** One entry per kind of alert that could be read. */
  alerts: AlertPollResult[];
  campaigns: CampaignSyncResult;
  /** Parts that failed as a whole (GitHub unreachable, say); the next poll tries again. */
  failed: PollPart[];
}

const NO_CAMPAIGNS: CampaignSyncResult = {
  synced: 0,
  updated: 0,
  closed: 0,
  removed: 0,
  failed: 0,
};

/** Channel set-up and card first, then the digest's history point, for each campaign. */
export const afterSyncHooks: AfterCampaignSync[] = [
  ...campaignAfterSyncHooks,
  ...digestAfterSyncHooks,
];

export async function pollGitHub(
  ctx: AppContext,
  hooks: AfterCampaignSync[] = afterSyncHooks,
): Promise<PollResult> {
  const failed: PollPart[] = [];
  const attempt = async <T>(part: PollPart, work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (err) {
      failed.push(part);
      ctx.logger.error(
        { err, part, code: failureCode(err) },
        'poll step failed; the rest of the poll carries on',
      );
      return undefined;
    }
  };
  const alerts: AlertPollResult[] = [];
  for (const kind of ['code', 'secret'] as const) {
    const result = await attempt(kind, () => pollAlerts(ctx, kind));
    if (result) alerts.push(result);
  }
  const campaigns = (await attempt('campaigns', () => syncCampaigns(ctx, hooks))) ?? {
    ...NO_CAMPAIGNS,
  };
  ctx.logger.info(
    {
      pages: alerts.reduce((n, a) => n + a.pages, 0),
      changed: alerts.reduce((n, a) => n + a.changed, 0),
      alertsFailed: alerts.reduce((n, a) => n + a.failed, 0),
      baseline: alerts.some((a) => a.baseline),
      campaigns: campaigns.synced,
      campaignsUpdated: campaigns.updated,
      campaignsFailed: campaigns.failed,
      failed,
    },
    'github poll finished',
  );
  // What the parts that worked queued is sent even when another part failed.
  if (ctx.config.NOTIFY_BATCH_SECONDS === 0) await flushNotifications(ctx);
  return { alerts, campaigns, failed };
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
