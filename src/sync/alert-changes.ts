// What changed between the last-seen state of an alert and what GitHub says now. Webhooks
// and the poll both end here, so the same change seen twice yields the same events, and
// the second sighting finds nothing new.
import type { AlertSnapshot } from '../domain/types.ts';

export type AlertChange =
  | { type: 'assigned'; login: string }
  | { type: 'unassigned'; login: string }
  | { type: 'dismissed'; by?: string; reason?: string; comment?: string }
  | { type: 'fixed'; by?: string; reason?: string; comment?: string }
  | { type: 'reopened'; by?: string };

const lower = (s: string) => s.toLowerCase();

export function diffAlert(before: AlertSnapshot | null, after: AlertSnapshot): AlertChange[] {
  const changes: AlertChange[] = [];
  const was = new Set((before?.assignees ?? []).map(lower));
  const now = new Set(after.assignees.map(lower));
  for (const login of after.assignees) {
    if (!was.has(lower(login))) changes.push({ type: 'assigned', login });
  }
  for (const login of before?.assignees ?? []) {
    if (!now.has(lower(login))) changes.push({ type: 'unassigned', login });
  }

  const previous = before?.status ?? 'open';
  if (previous !== after.status) {
    const detail = { by: after.closedBy, reason: after.closedReason, comment: after.closedComment };
    if (after.status === 'dismissed') changes.push({ type: 'dismissed', ...detail });
    else if (after.status === 'fixed') changes.push({ type: 'fixed', ...detail });
    else changes.push({ type: 'reopened', by: after.closedBy });
  }
  return changes;
}

/** A stable name for one change, for idempotency keys: same change, same name. */
export function changeId(change: AlertChange, after: AlertSnapshot): string {
  const who = 'login' in change ? change.login.toLowerCase() : '';
  return `${change.type}:${who}:${after.updatedAt}`;
}
