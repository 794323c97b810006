// What changed between the last-seen state of an alert and what GitHub says now. Webhooks
// and the poll both end here, so the same change seen twice yields the same events, and
// the second sighting finds nothing new.
import { createHash } from 'node:crypto';
import type { AlertSnapshot } from '../domain/types.ts';

export interface Closure {
  by?: string;
  /** GitHub's own spelling: `false positive`, `won't fix`, `revoked`, `used_in_tests`… */
  reason?: string;
  comment?: string;
}

export type AlertChange =
  | { type: 'assigned'; login: string }
  | { type: 'unassigned'; login: string }
  | ({ type: 'dismissed' } & Closure)
  | ({ type: 'fixed' } & Closure)
  | { type: 'reopened'; by?: string };

export type ChangeType = AlertChange['type'];

const lower = (s: string) => s.toLowerCase();

export function diffAlert(before: AlertSnapshot | null, after: AlertSnapshot): AlertChange[] {
  const changes: AlertChange[] = [];
  const was = new Set((before?.assignees ?? []).map(lower));
  const now = new Set(after.assignees.map(lower));
  // `updated_assignment` carries only the new list: the difference says who came and went.
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
    else if (before) changes.push({ type: 'reopened', by: after.closedBy });
  }
  return changes;
}

/** Whether the change moves the alert between open and closed (messages must follow). */
export function changesState(change: AlertChange): boolean {
  return change.type === 'dismissed' || change.type === 'fixed' || change.type === 'reopened';
}

/**
 * A stable name for one change, for idempotency keys: the same change seen twice (a retry,
 * a redelivery, the webhook and the poll at once) gets the same name, because both sightings
 * compare against the same last-seen state. A later, different change gets another name.
 */
export function changeId(
  change: AlertChange,
  after: AlertSnapshot,
  before: AlertSnapshot | null,
): string {
  const who = 'login' in change ? change.login.toLowerCase() : '';
  const base = before
    ? `${before.status}|${before.assignees.map(lower).sort().join(',')}|${before.updatedAt}`
    : 'new';
  const digest = createHash('sha256').update(base).digest('hex').slice(0, 12);
  return `${change.type}:${who}:${after.updatedAt}:${digest}`;
}
