// Where a campaign stands right now. GitHub's `alert_stats` is the truth for the totals
// people compare with the campaign page; Burndown's snapshots add what GitHub does not
// split out (fixed against dismissed, who is assigned). When the two disagree, the
// snapshots are read again from GitHub before anything is shown.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { getCampaign } from '../github/campaigns.ts';
import { countTotals, type Totals } from './alert-totals.ts';
import { memberAlerts } from './member-alerts.ts';

export interface CampaignProgress {
  totals: Totals;
  snapshots: AlertSnapshot[];
  /** `github` when the totals came from GitHub just now. */
  source: 'github' | 'burndown';
}

async function githubTotals(ctx: AppContext, c: CampaignRecord): Promise<Totals | undefined> {
  if (c.number === undefined || c.state === 'draft') return undefined;
  try {
    const live = await getCampaign(ctx.github, ctx.config.GITHUB_ORG, c.number);
    return live.stats ?? undefined;
  } catch (err) {
    // A digest with slightly older numbers beats no digest; the log says which it was.
    ctx.logger.warn({ err, campaign: c.id }, 'campaign totals not refreshed from github');
    return undefined;
  }
}

const agrees = (a: Totals, b: Totals) =>
  a.open === b.open && a.inProgress === b.inProgress && a.closed === b.closed;

/** Merges GitHub's totals with the split Burndown knows, keeping GitHub's sums exact. */
function merge(live: Totals, counted: ReturnType<typeof countTotals>, known: boolean): Totals {
  if (!known) return { open: live.open, inProgress: live.inProgress, closed: live.closed };
  const fixed = Math.min(counted.fixed, live.closed);
  return { ...live, fixed, dismissed: live.closed - fixed };
}

export async function campaignProgress(
  ctx: AppContext,
  campaign: CampaignRecord,
): Promise<CampaignProgress> {
  const [live, first] = await Promise.all([
    githubTotals(ctx, campaign),
    memberAlerts(ctx, campaign),
  ]);
  let snapshots = first;
  let counted = countTotals(snapshots);
  const known = campaign.members.length > 0;

  if (live && known && !agrees(live, counted)) {
    ctx.logger.info(
      { campaign: campaign.id, github: live, burndown: counted },
      'campaign alerts out of step with github; reading them again',
    );
    snapshots = await memberAlerts(ctx, campaign, { refresh: true });
    counted = countTotals(snapshots);
  }
  if (live) return { totals: merge(live, counted, known), snapshots, source: 'github' };
  if (known) return { totals: counted, snapshots, source: 'burndown' };
  const stats = campaign.stats ?? { open: 0, closed: 0, inProgress: 0 };
  return { totals: { ...stats }, snapshots, source: 'burndown' };
}
