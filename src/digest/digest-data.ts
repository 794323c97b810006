// Everything one digest says, computed from the campaign's alerts, totals and history.
// Pure: the same input always gives the same digest, so tests and the benchmark need no I/O.
import type { CampaignRecord } from '../domain/campaign.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { percentDone, remaining, type Totals } from './alert-totals.ts';
import { addDays, dayKey, daysBetween } from './day-key.ts';
import type { DayPoint } from './history-store.ts';
import { type Projection, projectFinish } from './projection.ts';

/** What the previous day's digest showed, to tell what changed since. */
export interface PreviousDigest {
  day: string;
  totals: Totals;
  fixedKeys: string[];
}

export interface DigestInput {
  campaign: CampaignRecord;
  snapshots: AlertSnapshot[];
  totals: Totals;
  history: DayPoint[];
  previous?: PreviousDigest;
  now: Date;
  timeZone: string;
  /** How many of the oldest open alerts to list. */
  oldestCount?: number;
}

export interface LeaderboardEntry {
  login: string;
  fixed: number;
}

export interface DigestData {
  campaign: CampaignRecord;
  today: string;
  dueDay: string;
  daysLeft: number;
  totals: Totals;
  delta?: Totals;
  sinceDay?: string;
  percent: number;
  projection: Projection;
  /** False for an adopted campaign: only totals are known, no alert lists. */
  alertsKnown: boolean;
  unassigned: AlertSnapshot[];
  oldest: AlertSnapshot[];
  newlyFixed: AlertSnapshot[];
  leaderboard: LeaderboardEntry[];
  /** Fixes this week with nobody assigned, so nobody is credited. */
  uncreditedFixes: number;
  fixedKeys: string[];
  history: DayPoint[];
}

const byAge = (a: AlertSnapshot, b: AlertSnapshot) =>
  a.createdAt.localeCompare(b.createdAt) || a.repo.localeCompare(b.repo) || a.number - b.number;

function difference(now: Totals, before: Totals): Totals {
  const d: Totals = {
    open: now.open - before.open,
    inProgress: now.inProgress - before.inProgress,
    closed: now.closed - before.closed,
  };
  if (now.fixed !== undefined && before.fixed !== undefined) d.fixed = now.fixed - before.fixed;
  if (now.dismissed !== undefined && before.dismissed !== undefined) {
    d.dismissed = now.dismissed - before.dismissed;
  }
  return d;
}

/**
 * Credit for a fix goes to whoever was assigned when GitHub marked it fixed (the assignees
 * the alert still carries); GitHub does not record who wrote the fix.
 */
function leaderboard(fixedThisWeek: AlertSnapshot[]) {
  const counts = new Map<string, number>();
  let uncredited = 0;
  for (const a of fixedThisWeek) {
    if (a.assignees.length === 0) uncredited++;
    for (const login of a.assignees) counts.set(login, (counts.get(login) ?? 0) + 1);
  }
  const entries = [...counts].map(([login, fixed]) => ({ login, fixed }));
  entries.sort((a, b) => b.fixed - a.fixed || a.login.localeCompare(b.login));
  return { entries, uncredited };
}

export function buildDigestData(input: DigestInput): DigestData {
  const { campaign, snapshots, totals, previous } = input;
  const today = dayKey(input.now, input.timeZone);
  const dueDay = dayKey(new Date(campaign.endsAt), input.timeZone);
  const history = input.history.filter((p) => p.day !== today);
  history.push({ day: today, ...totals });

  const open = snapshots.filter((a) => a.status === 'open');
  const fixed = snapshots.filter((a) => a.status === 'fixed');
  const weekAgo = addDays(today, -7);
  const fixedThisWeek = fixed.filter(
    (a) => dayKey(new Date(a.updatedAt), input.timeZone) > weekAgo,
  );
  const before = new Set(previous?.fixedKeys ?? []);
  const newlyFixed = previous ? fixed.filter((a) => !before.has(alertKey(a))) : fixedThisWeek;
  const board = leaderboard(fixedThisWeek);
  const points = history.map((p) => ({ day: p.day, remaining: remaining(p) }));

  return {
    campaign,
    today,
    dueDay,
    daysLeft: daysBetween(today, dueDay),
    totals,
    ...(previous ? { delta: difference(totals, previous.totals), sinceDay: previous.day } : {}),
    percent: percentDone(totals),
    projection: projectFinish(points, dueDay, today),
    alertsKnown: campaign.members.length > 0,
    unassigned: open.filter((a) => a.assignees.length === 0).sort(byAge),
    oldest: open.sort(byAge).slice(0, input.oldestCount ?? 10),
    newlyFixed: newlyFixed.sort(byAge),
    leaderboard: board.entries,
    uncreditedFixes: board.uncredited,
    fixedKeys: fixed.map(alertKey),
    history,
  };
}
