// The single entry for news about an alert, from a webhook or from the poll: compare with
// what we saw last, tell people what changed, then remember the new state. Remembering
// comes last so a failed notification is retried rather than forgotten.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { notifyChanges } from '../notify/notify-changes.ts';
import { type AlertChange, diffAlert } from './alert-changes.ts';

export interface ObserveOptions {
  /**
   * Whether an alert never seen before is news. A webhook reports a change that just
   * happened; a first poll only sets the baseline, or it would announce the whole backlog.
   */
  firstSightingIsNews: boolean;
}

export async function observeAlert(
  ctx: AppContext,
  after: AlertSnapshot,
  options: ObserveOptions,
): Promise<AlertChange[]> {
  const before = await ctx.repos.alerts.get(after);
  if (before && after.updatedAt && before.updatedAt > after.updatedAt) {
    // An older delivery arriving late must not roll the state back.
    return [];
  }
  const changes = before || options.firstSightingIsNews ? diffAlert(before, after) : [];
  if (changes.length) await notifyChanges(ctx, after, changes);
  await ctx.repos.alerts.put(after);
  return changes;
}
