// When a notice may reach a person: right away, after their quiet hours, or with the next
// daily digest. Wall-clock times are the person's own, in their Slack time zone.
import type { NotifyPrefs, QuietHours } from './preferences.ts';

/** Local hour of the daily digest for people who chose `digest`. */
export const DIGEST_HOUR = 9;

interface Local {
  year: number;
  month: number;
  day: number;
  minutes: number;
}

function localOf(ms: number, tz: string): Local {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    minutes: get('hour') * 60 + get('minute'),
  };
}

/** The instant when the wall clock in `tz` shows `minutes` past midnight on that date. */
function instantAt(date: Local, minutes: number, tz: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Two passes settle the offset, including on days the clocks change.
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const seen = localOf(guess, tz);
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, 0, seen.minutes);
    guess += wall - seenWall;
  }
  return guess;
}

const toMinutes = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** The next instant at or after `ms` whose local time is `minutes`. */
function nextLocal(ms: number, minutes: number, tz: string): number {
  const here = localOf(ms, tz);
  const at = instantAt(here, minutes, tz);
  if (at >= ms) return at;
  // The next calendar day, not "24 hours later": late in the evening those differ.
  const next = new Date(Date.UTC(here.year, here.month - 1, here.day + 1));
  const tomorrow = {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
    minutes: 0,
  };
  return instantAt(tomorrow, minutes, tz);
}

export function isQuiet(ms: number, quiet: QuietHours, tz: string): boolean {
  const t = localOf(ms, tz).minutes;
  const from = toMinutes(quiet.from);
  const to = toMinutes(quiet.to);
  return from < to ? t >= from && t < to : t >= from || t < to;
}

/**
 * When to deliver a notice that is ready at `readyMs`; null when the person turned
 * notifications off. Nothing is dropped for quiet hours: it waits for their end.
 */
export function deliveryTime(readyMs: number, prefs: NotifyPrefs, tz: string): number | null {
  if (prefs.mode === 'off') return null;
  let at = prefs.mode === 'digest' ? nextLocal(readyMs, DIGEST_HOUR * 60, tz) : readyMs;
  if (prefs.quiet && isQuiet(at, prefs.quiet, tz))
    at = nextLocal(at, toMinutes(prefs.quiet.to), tz);
  return at;
}
