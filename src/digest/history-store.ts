// Daily progress of each campaign. GitHub keeps live totals only, so Burndown writes one
// point per campaign per day (the last write of the day wins) into one hash per campaign,
// field = day. Breakdowns are stored as short arrays to keep a year of history small.
import type { AlertSnapshot } from '../domain/types.ts';
import type { Kv } from '../store/kv.ts';
import { bucketOf, countTotals, type Totals } from './alert-totals.ts';

export interface DayPoint extends Totals {
  day: string;
  /** Per repository: [open, inProgress, fixed, dismissed]. */
  repos?: Record<string, [number, number, number, number]>;
  /** Per assignee login: [open, inProgress, fixed]. */
  assignees?: Record<string, [number, number, number]>;
}

const key = (campaignId: string) => `history:${campaignId}`;

/** A day's point from the campaign's alerts, with GitHub's totals when it has them. */
export function dayPoint(day: string, snapshots: AlertSnapshot[], totals?: Totals): DayPoint {
  const counted = countTotals(snapshots);
  const repos: NonNullable<DayPoint['repos']> = {};
  const assignees: NonNullable<DayPoint['assignees']> = {};
  const index = { open: 0, inProgress: 1, fixed: 2, dismissed: 3 } as const;
  for (const a of snapshots) {
    const bucket = bucketOf(a);
    repos[a.repo] ??= [0, 0, 0, 0];
    repos[a.repo]![index[bucket]]++;
    if (bucket === 'dismissed') continue;
    for (const login of a.assignees) {
      assignees[login] ??= [0, 0, 0];
      assignees[login]![index[bucket]]++;
    }
  }
  const base = totals ?? counted;
  const point: DayPoint = {
    day,
    open: base.open,
    inProgress: base.inProgress,
    closed: base.closed,
  };
  if (base.fixed !== undefined) point.fixed = base.fixed;
  if (base.dismissed !== undefined) point.dismissed = base.dismissed;
  if (snapshots.length) Object.assign(point, { repos, assignees });
  return point;
}

export class HistoryStore {
  constructor(private readonly kv: Kv) {}

  async record(campaignId: string, point: DayPoint): Promise<void> {
    const { day, ...rest } = point;
    await this.kv.hSet(key(campaignId), { [day]: JSON.stringify(rest) });
  }

  /** Every recorded day, oldest first. */
  async list(campaignId: string): Promise<DayPoint[]> {
    const all = await this.kv.hGetAll(key(campaignId));
    return Object.entries(all)
      .map(([day, raw]) => ({ day, ...(JSON.parse(raw) as Omit<DayPoint, 'day'>) }))
      .sort((a, b) => a.day.localeCompare(b.day));
  }

  async remove(campaignId: string): Promise<void> {
    await this.kv.del(key(campaignId));
  }
}
