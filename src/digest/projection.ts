// Will the campaign make its due date? The recent burn rate (alerts closed per day over a
// window of history) is projected forward from today's remaining count. Pure, so it is
// tested on hand-made histories.
import { addDays, daysBetween } from './day-key.ts';

export interface BurnPoint {
  day: string;
  remaining: number;
}

export type ProjectionStatus = 'done' | 'on_track' | 'at_risk' | 'overdue' | 'unknown';

export interface Projection {
  status: ProjectionStatus;
  /** Alerts closed per day over the window; 0 or less means no progress. */
  ratePerDay: number;
  /** The day the remaining alerts would reach zero at that rate. */
  finishDay?: string;
  remaining: number;
}

/** The default look-back: two weeks smooths out a quiet weekend without hiding a stall. */
export const BURN_WINDOW_DAYS = 14;

export function projectFinish(
  points: BurnPoint[],
  dueDay: string,
  today: string,
  windowDays = BURN_WINDOW_DAYS,
): Projection {
  const sorted = points.filter((p) => p.day <= today).sort((a, b) => a.day.localeCompare(b.day));
  const last = sorted.at(-1);
  const left = last?.remaining ?? 0;
  if (last && left === 0) return { status: 'done', ratePerDay: 0, remaining: 0 };
  if (today > dueDay) return { status: 'overdue', ratePerDay: 0, remaining: left };

  const from = addDays(today, -windowDays);
  const recent = sorted.filter((p) => p.day >= from);
  const first = recent[0];
  const span = first && last ? daysBetween(first.day, last.day) : 0;
  if (!first || !last || span < 1) return { status: 'unknown', ratePerDay: 0, remaining: left };

  const rate = (first.remaining - last.remaining) / span;
  if (rate <= 0) return { status: 'at_risk', ratePerDay: rate, remaining: left };
  const finishDay = addDays(last.day, Math.ceil(left / rate));
  const status = finishDay <= dueDay ? 'on_track' : 'at_risk';
  return { status, ratePerDay: rate, finishDay, remaining: left };
}
