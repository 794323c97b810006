// Due dates as people pick and read them: a calendar day in the team's time zone, stored
// as the end of that day so "due Friday" still counts Friday evening as on time.

/** `YYYY-MM-DD` of an instant in a time zone. */
export function dayIn(tz: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return parts.slice(0, 10);
}

function offsetMinutes(tz: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

const HOUR_MS = 3_600_000;

/**
 * The last second of a calendar day in `tz`, as an ISO instant for GitHub's `ends_at`.
 *
 * The offset has to be the one in force at that local moment, which can differ from the one
 * at 23:59:59 UTC by a daylight-saving change in between (Auckland on 5 April 2025 is +13 at
 * its end of day but +12 twelve hours later). So: estimate with the offset at the UTC reading,
 * then read the offset again at the estimate.
 */
export function endOfDay(day: string, tz: string): string {
  const wall = Date.parse(`${day}T23:59:59Z`);
  const offsetMs = (at: number) => offsetMinutes(tz, new Date(at)) * 60_000;
  const shows = (at: number) => at + offsetMs(at) === wall;
  const estimate = wall - offsetMs(wall);
  let at = wall - offsetMs(estimate);
  // Clocks turned forward over 23:59:59 skip it: the earlier guess stays inside the day.
  if (!shows(at)) at = Math.min(at, estimate);
  // Clocks turned back at midnight (by up to two hours) show 23:59:59 twice: the day ends at
  // the later one, under the offset in force after the change.
  const later = wall - offsetMs(at + 2 * HOUR_MS);
  if (later > at && shows(later)) at = later;
  return new Date(at).toISOString().replace('.000Z', 'Z');
}

/** Whether the picked day is strictly after today in `tz` (GitHub wants a future date). */
export function isFutureDay(day: string, tz: string, now: Date): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && day > dayIn(tz, now);
}

/** `due 2027-01-15 (12 days left)`, `due today`, or how late it is. */
export function dueText(endsAt: string, tz: string, now: Date, closed = false): string {
  const day = dayIn(tz, new Date(endsAt));
  if (closed) return `was due ${day}`;
  const today = dayIn(tz, now);
  const days = Math.round((Date.parse(day) - Date.parse(today)) / 86_400_000);
  if (days === 0) return `due ${day} (today)`;
  if (days < 0) return `due ${day} (${-days} day${days === -1 ? '' : 's'} overdue)`;
  return `due ${day} (${days} day${days === 1 ? '' : 's'} left)`;
}
