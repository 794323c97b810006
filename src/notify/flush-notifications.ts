// Delivers the notices whose time has come: one message per recipient (split only when Block
// Kit cannot hold it). Runs under a lock so replicas never both send; a notice leaves the store
// only after Slack accepted it, so a failure or a 429 means "later", never "lost".
import type { AppContext } from '../app-context.ts';
import { alertKey } from '../domain/types.ts';
import type { Job } from '../jobs/scheduler.ts';
import { withLock } from '../store/lock.ts';
import { type ComposedPart, composeParts } from './compose-message.ts';
import { isAlertNotice, type PendingNotice } from './notice.ts';
import {
  clearInFlight,
  completeNotices,
  dueNotices,
  markInFlight,
  retryNotices,
  unsettled,
} from './pending-store.ts';
import { getPrefs } from './preferences.ts';
import { renderLookups, withLatestAlerts } from './render-context.ts';
import { rememberSent } from './sent-messages.ts';

export interface FlushResult {
  /** False when another replica was flushing and this call did nothing. */
  ran: boolean;
  messages: number;
  failed: number;
}

// Answers that no retry can change: the notice is dropped and the reason logged.
export const PERMANENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  'channel_not_found',
  'user_not_found',
  'is_archived',
  'not_in_channel',
  'account_inactive',
  'user_disabled',
  'invalid_blocks',
  'msg_blocks_too_long',
  'cannot_dm_bot',
]);

function slackError(err: unknown): string | undefined {
  return (err as { data?: { error?: string } }).data?.error;
}

/** Slack's Retry-After when it gave one, else a growing pause. */
export function retryDelayMs(err: unknown, attempts: number): number {
  const e = err as { retryAfter?: unknown; message?: unknown };
  if (typeof e.retryAfter === 'number') return Math.max(1000, e.retryAfter * 1000);
  const m = /retry-after:\s*(\d+)/i.exec(String(e.message ?? ''));
  if (m) return Math.max(1000, Number(m[1]) * 1000);
  return Math.min(3600_000, 15_000 * 2 ** attempts);
}

function noticeAlertKey(p: PendingNotice): string {
  return isAlertNotice(p.notice) ? alertKey(p.notice.alert) : '';
}

/** Drops news that stopped being true before it left: an assignment already undone. */
function stillTrue(p: PendingNotice): boolean {
  if (!isAlertNotice(p.notice) || !p.viewer) return true;
  const mine = p.notice.alert.assignees.some((l) => l.toLowerCase() === p.viewer!.toLowerCase());
  if (p.notice.type === 'assigned') return mine;
  if (p.notice.type === 'unassigned') return !mine;
  return true;
}

async function deliverTo(ctx: AppContext, to: string, ready: PendingNotice[], now: Date) {
  let due = ready;
  const log = ctx.logger.child({ component: 'notify', to });
  const first = due[0]!;
  if (first.direct && (await getPrefs(ctx.kv, to)).mode === 'off') {
    log.info({ notices: due.length }, 'notifications off; notices dropped');
    await completeNotices(ctx.kv, due);
    return { messages: 0, failed: 0 };
  }
  // Slack took the message but the store went away before it was told: sending again would
  // say it twice. Exactly once wins; the (rare) double failure is logged.
  const unknown = await unsettled(ctx.kv, due);
  if (unknown.length) {
    log.warn(
      { notices: unknown.length },
      'notice outcome unknown after a store failure; assumed sent',
    );
    await completeNotices(ctx.kv, unknown);
    due = due.filter((p) => !unknown.includes(p));
    if (due.length === 0) return { messages: 0, failed: 0 };
  }
  const latest = await withLatestAlerts(ctx, due);
  // Assigned and unassigned in the same batch: the person never heard of it, so say nothing.
  const assigned = new Set(
    latest.filter((p) => p.notice.type === 'assigned').map((p) => noticeAlertKey(p)),
  );
  const keep = (p: PendingNotice) =>
    stillTrue(p) && !(p.notice.type === 'unassigned' && assigned.has(noticeAlertKey(p)));
  const live = latest.filter(keep);
  const stale = latest.filter((p) => !keep(p));
  if (stale.length) {
    log.info({ notices: stale.length }, 'notices no longer true; dropped');
    await completeNotices(ctx.kv, stale);
  }
  if (live.length === 0) return { messages: 0, failed: 0 };
  const lookups = await renderLookups(ctx, live);
  const base = { now, direct: first.direct, viewer: first.viewer, ...lookups };
  const parts = composeParts(live, base);
  let messages = 0;
  // A part settles the notices it shows and the older ones it replaced, together: a replaced
  // notice left behind would be sent on its own by the next flush, contradicting this one.
  const settles = (p: ComposedPart) => [...p.notices, ...p.folded];
  for (const [i, part] of parts.entries()) {
    await markInFlight(ctx.kv, settles(part));
    let res: Awaited<ReturnType<typeof ctx.slack.chat.postMessage>>;
    try {
      res = await ctx.slack.chat.postMessage({
        channel: to,
        ...part.message,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (err) {
      await clearInFlight(ctx.kv, settles(part));
      const rest = parts.slice(i).flatMap(settles);
      const code = slackError(err);
      if (code && PERMANENT_SLACK_ERRORS.has(code)) {
        log.error({ err, code: 'slack_request_failed', slackError: code }, 'notice dropped');
        await completeNotices(ctx.kv, rest);
      } else {
        const attempts = Math.max(...rest.map((p) => p.attempts ?? 0));
        const at = now.getTime() + retryDelayMs(err, attempts);
        log.warn({ err, code: 'slack_request_failed', retryAt: at }, 'notice kept for a retry');
        await retryNotices(ctx.kv, rest, at);
      }
      return { messages, failed: rest.length };
    }
    // Sent: from here a failure must not lead to sending it again.
    await completeNotices(ctx.kv, settles(part));
    // A DM answer names the D… conversation; edits need it, not the user id.
    const channel = res.channel ?? to;
    await rememberSent(ctx, channel, res.ts ?? '', {
      to,
      direct: first.direct,
      viewer: first.viewer,
      buttons: part.buttons,
      continued: i > 0,
      notices: part.notices,
    });
    messages++;
    ctx.metrics.dmsSent.inc({ reason: first.direct ? 'notice' : 'channel' });
    log.info({ notices: part.notices.length, part: i + 1, of: parts.length }, 'notice sent');
  }
  return { messages, failed: 0 };
}

/**
 * Sends every notice due at `now`. Each recipient is flushed under a lock of its own, so
 * replicas share the work and one busy recipient never holds back the others.
 *
 * A caller that finds a recipient's lock taken does not wait: it raises a "more to send"
 * flag first, and the holder looks at that flag after letting go of the lock and goes
 * round again if it is set. Whichever way the race falls, a fresh notice is sent by someone
 * now, not left for the next run of the flush job.
 */
export async function flushNotifications(
  ctx: AppContext,
  now: Date = ctx.now(),
  options: { only?: string[] } = {},
): Promise<FlushResult> {
  const total = { ran: true, messages: 0, failed: 0 };
  if (options.only?.length === 0) return total;
  // A handler that just queued notices flushes only their recipients; the job does the rest.
  const due = await dueNotices(ctx.kv, now.getTime());
  const recipients = options.only ?? [...new Set(due.map((p) => p.to))];
  for (const to of recipients) {
    const r = await flushRecipient(ctx, to, now);
    total.messages += r.messages;
    total.failed += r.failed;
    if (!r.ran) total.ran = false;
  }
  return total;
}

const STUCK_HOLDER_WAIT_MS = 3000;

async function flushRecipient(ctx: AppContext, to: string, now: Date): Promise<FlushResult> {
  const total = { ran: true, messages: 0, failed: 0 };
  const dirty = `notify-dirty:${to}`;
  const until = Date.now() + STUCK_HOLDER_WAIT_MS;
  await ctx.kv.set(dirty, '1', { ttlMs: 60_000 });
  for (;;) {
    const result = await withLock(ctx.kv, `notify-flush:${to}`, 60_000, async () => {
      await ctx.kv.del(dirty);
      // Read after taking the lock: whatever another holder sent is gone from the store. A
      // later round looks at the clock again, or it would miss what was queued meanwhile.
      const at = new Date(Math.max(now.getTime(), ctx.now().getTime()));
      const mine = (await dueNotices(ctx.kv, at.getTime())).filter((p) => p.to === to);
      return mine.length ? deliverTo(ctx, to, mine, at) : { messages: 0, failed: 0 };
    }).catch((err) => {
      ctx.logger.error({ err, to, code: 'unknown' }, 'notice delivery failed');
      return { ran: true as const, value: { messages: 0, failed: 1 } };
    });
    if (!result.ran) {
      // The holder clears the flag when it starts a round. A flag still set after a while
      // means the holder is stuck (say, the store went away under it): keep trying a little.
      if (Date.now() >= until || !(await ctx.kv.get(dirty))) return { ...total, ran: false };
      await new Promise((r) => setTimeout(r, 25));
      continue;
    }
    total.messages += result.value.messages;
    total.failed += result.value.failed;
    if (result.value.failed > 0 || !(await ctx.kv.get(dirty))) return total;
  }
}

/** Sends what batching windows, quiet hours and digests held back, every 15 seconds. */
export const notifyFlushJob: Job = {
  name: 'notify-flush',
  cron: '*/15 * * * * *',
  lockMs: 60_000,
  async run(ctx) {
    await flushNotifications(ctx);
  },
};
