// The single entry for news about an alert, from a webhook or from the poll: compare with
// what we saw last, queue the notices, redraw messages already sent, then remember the new
// state. Remembering comes last so a failure is retried rather than forgotten; the notices
// are stored once per (alert, change, recipient), so a retry adds nothing twice.
import type { AppContext } from '../app-context.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { BotError } from '../errors.ts';
import { flushNotifications } from '../notify/flush-notifications.ts';
import { notifyChanges } from '../notify/notify-changes.ts';
import { acquireLock } from '../store/lock.ts';
import { type AlertChange, diffAlert } from './alert-changes.ts';
import { reconcileMessages } from './reconcile-messages.ts';

export interface ObserveOptions {
  /**
   * Whether an alert never seen before is news. A webhook reports a change that just
   * happened; a first poll only sets the baseline, or it would announce the whole backlog.
   */
  firstSightingIsNews: boolean;
  /** Send due notices before returning (when batching is off); the poll sends once at the end. */
  flush?: boolean;
  /** GitHub login of whoever made the change, when known: nobody is told what they just did. */
  actor?: string;
}

const LOCK_MS = 30_000;

// The webhook and the poll may see the same alert at the same moment on two replicas; one
// compares and stores at a time, so the second finds the first one's state.
async function underAlertLock<T>(ctx: AppContext, key: string, work: () => Promise<T>) {
  const until = Date.now() + 5_000;
  for (;;) {
    const lease = await acquireLock(ctx.kv, `alert:${key}`, LOCK_MS);
    if (lease) {
      try {
        return await work();
      } finally {
        await lease.release();
      }
    }
    if (Date.now() > until) {
      throw new BotError('lock_not_acquired', 'another worker holds this alert', {
        fields: { alert: key },
      });
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function observeAlert(
  ctx: AppContext,
  after: AlertSnapshot,
  options: ObserveOptions,
): Promise<AlertChange[]> {
  const recipients: string[] = [];
  const changes = await underAlertLock(ctx, alertKey(after), async () => {
    const before = await ctx.repos.alerts.get(after);
    if (before && after.updatedAt && before.updatedAt > after.updatedAt) {
      // An older delivery arriving late must not roll the state back.
      ctx.logger.debug({ alert: alertKey(after) }, 'older sighting ignored');
      return [];
    }
    const found = before || options.firstSightingIsNews ? diffAlert(before, after) : [];
    if (found.length) {
      recipients.push(...(await notifyChanges(ctx, before, after, found, options.actor)));
      await reconcileMessages(ctx, after);
    }
    await ctx.repos.alerts.put(after);
    return found;
  });
  if (changes.length && options.flush !== false && ctx.config.NOTIFY_BATCH_SECONDS === 0) {
    const result = await flushNotifications(ctx, ctx.now(), { only: recipients });
    if (result.failed > 0) {
      // The notices stay stored for the flush job; failing here also keeps the delivery
      // pending, so nothing depends on a single retry path.
      throw new BotError('slack_request_failed', 'some notices could not be sent yet', {
        fields: { failed: result.failed },
      });
    }
  }
  return changes;
}
