// The single entry for news about an alert, from a webhook or from the poll: compare with
// what we saw last, queue the notices, remember the new state, then redraw messages already
// sent. Remembering comes after the notices so a failure to queue them is retried rather than
// forgotten; the notices are stored once per (alert, change, recipient), so a retry adds
// nothing twice. Redrawing comes after remembering and is best effort: a message Slack will
// not let us edit must not keep the alert at its old state (and every later sighting failing).
import type { AppContext } from '../app-context.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { BotError } from '../errors.ts';
import { flushNotifications } from '../notify/flush-notifications.ts';
import { notifyChanges } from '../notify/notify-changes.ts';
import { acquireLock } from '../store/lock.ts';
import { type AlertChange, diffAlert } from './alert-changes.ts';
import { failureCode } from './failure-code.ts';
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
  /**
   * A message already redrawn by the action that made the change (with a line saying who did
   * what); redrawing it again from the notices would erase that line.
   */
  shownIn?: { channel: string; ts: string };
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

/** Redraws what was sent about the alert; a failure is logged, never passed on. */
async function redrawQuietly(
  ctx: AppContext,
  alert: AlertSnapshot,
  except?: { channel: string; ts: string },
): Promise<void> {
  try {
    await reconcileMessages(ctx, alert, except);
  } catch (err) {
    // Each message is already tried on its own; this is the store failing to list them.
    ctx.logger.warn(
      { err, alert: alertKey(alert), code: failureCode(err) },
      'messages not redrawn; left as they were',
    );
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
    }
    await ctx.repos.alerts.put(after);
    if (found.length) await redrawQuietly(ctx, after, options.shownIn);
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
