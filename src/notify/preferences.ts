// How each person wants to hear from Burndown: real time, one daily digest, or not at all,
// and when not to be disturbed. Quiet hours are read in the person's own Slack time zone.
import type { AppContext } from '../app-context.ts';
import type { Kv } from '../store/kv.ts';

export type NotifyMode = 'on' | 'digest' | 'off';

export interface QuietHours {
  /** Local wall time `HH:MM`; the window may wrap past midnight (19:00-08:00). */
  from: string;
  to: string;
}

export interface NotifyPrefs {
  mode: NotifyMode;
  quiet?: QuietHours;
}

const prefsKey = (user: string) => `notify-prefs:${user}`;
const tzKey = (user: string) => `slack-tz:${user}`;
const TZ_CACHE_MS = 24 * 3600_000;

export async function getPrefs(kv: Kv, user: string): Promise<NotifyPrefs> {
  const raw = await kv.get(prefsKey(user));
  return raw ? (JSON.parse(raw) as NotifyPrefs) : { mode: 'on' };
}

export async function setPrefs(kv: Kv, user: string, prefs: NotifyPrefs): Promise<void> {
  await kv.set(prefsKey(user), JSON.stringify(prefs));
}

/** `19:00-08:00` → quiet hours; undefined when the text is not two valid times. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)\s*[-–]\s*([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return undefined;
  const pad = (h: string, mi: string) => `${h.padStart(2, '0')}:${mi}`;
  const quiet = { from: pad(m[1]!, m[2]!), to: pad(m[3]!, m[4]!) };
  return quiet.from === quiet.to ? undefined : quiet;
}

/**
 * The person's Slack time zone (users.info), cached for a day. When Slack cannot tell, the
 * bot's own time zone is used rather than failing the notification.
 */
export async function userTimeZone(ctx: AppContext, user: string): Promise<string> {
  const cached = await ctx.kv.get(tzKey(user));
  if (cached) return cached;
  try {
    const res = await ctx.slack.users.info({ user });
    const tz = res.user?.tz;
    if (tz) {
      await ctx.kv.set(tzKey(user), tz, { ttlMs: TZ_CACHE_MS });
      return tz;
    }
  } catch (err) {
    ctx.logger.warn({ err, slackUser: user }, 'time zone lookup failed; using the default');
  }
  return ctx.config.TZ;
}
