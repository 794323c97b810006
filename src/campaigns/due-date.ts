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

/** The last second of a calendar day in `tz`, as an ISO instant for GitHub's `ends_at`. */
export function endOfDay(day: string, tz: string): string {
  const utc = Date.parse(`${day}T23:59:59Z`);
  const offset = offsetMinutes(tz, new Date(utc));
  return new Date(utc - offset * 60_000).toISOString().replace('.000Z', 'Z');
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
