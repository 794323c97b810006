// Writes today's point of a campaign's history, from the alerts as last seen.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import type { Totals } from './alert-totals.ts';
import { dayKey } from './day-key.ts';
import { type DayPoint, dayPoint, HistoryStore } from './history-store.ts';

export async function recordHistory(
  ctx: AppContext,
  campaign: CampaignRecord,
  snapshots: AlertSnapshot[],
  totals?: Totals,
): Promise<DayPoint> {
  const point = dayPoint(dayKey(ctx.now(), ctx.config.TZ), snapshots, totals);
  await new HistoryStore(ctx.kv).record(campaign.id, point);
  return point;
}
