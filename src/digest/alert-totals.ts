// Counting a campaign's alerts the way GitHub's `alert_stats` does: open work is split into
// open and in progress (a linked pull request or branch), closed into fixed and dismissed.
import type { AlertSnapshot } from '../domain/types.ts';

export interface Totals {
  /** Open and nobody is visibly working on it. */
  open: number;
  inProgress: number;
  closed: number;
  /** The split of `closed`, when Burndown knows the alerts (not for adopted campaigns). */
  fixed?: number;
  dismissed?: number;
}

export type Bucket = 'open' | 'inProgress' | 'fixed' | 'dismissed';

export function bucketOf(a: AlertSnapshot): Bucket {
  if (a.status === 'fixed') return 'fixed';
  if (a.status === 'dismissed') return 'dismissed';
  return a.inProgress ? 'inProgress' : 'open';
}

export function countTotals(snapshots: AlertSnapshot[]): Required<Totals> {
  const t = { open: 0, inProgress: 0, closed: 0, fixed: 0, dismissed: 0 };
  for (const a of snapshots) t[bucketOf(a)]++;
  t.closed = t.fixed + t.dismissed;
  return t;
}

export const remaining = (t: Totals) => t.open + t.inProgress;
export const totalOf = (t: Totals) => t.open + t.inProgress + t.closed;

/** Share closed, rounded down so a campaign never shows 100% with work left. */
export function percentDone(t: Totals): number {
  const total = totalOf(t);
  return total === 0 ? 0 : Math.floor((t.closed / total) * 100);
}
