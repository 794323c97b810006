// Notices waiting for their delivery time, durable in the store so a restart or another
// replica picks them up: one record per notice and a sorted set of ids by due time.
import type { Kv } from '../store/kv.ts';
import { claimOnce, isClaimed } from '../store/lock.ts';
import type { PendingNotice } from './notice.ts';

const DUE = 'notify:due';
const itemKey = (id: string) => `notify:item:${id}`;
const windowKey = (to: string) => `notify:window:${to}`;
const inFlightKey = (id: string) => `notify:inflight:${id}`;
// Long enough that a redelivery days later (GitHub allows about 3) is still recognised.
const ONCE_TTL_MS = 30 * 24 * 3600_000;

/**
 * Stores a notice unless the same (alert, change, recipient) was stored before, by this
 * replica or another. Returns false for a duplicate.
 *
 * The notice is written before it is marked as seen: a store that fails halfway leaves at
 * worst an unmarked notice, which a retry writes again under the same id (one notice),
 * never a mark without its notice, which would silence the retry for good. Callers hold
 * the alert's lock, so two replicas never race on the same id.
 */
export async function enqueueNotice(kv: Kv, notice: PendingNotice, dueMs: number) {
  if (await isClaimed(kv, `notice:${notice.id}`)) return false;
  await kv.set(itemKey(notice.id), JSON.stringify(notice));
  await kv.zAdd(DUE, dueMs, notice.id);
  await claimOnce(kv, `notice:${notice.id}`, ONCE_TTL_MS);
  return true;
}

/**
 * The end of the gathering window for a recipient: the first notice opens it, and every
 * notice until it closes shares its due time, so they leave together as one message.
 */
export async function batchDue(kv: Kv, to: string, nowMs: number, windowMs: number) {
  if (windowMs <= 0) return nowMs;
  const due = nowMs + windowMs;
  if (await kv.set(windowKey(to), String(due), { nx: true, ttlMs: windowMs })) return due;
  const open = Number(await kv.get(windowKey(to)));
  return Number.isFinite(open) && open > 0 ? open : due;
}

export async function dueNotices(kv: Kv, nowMs: number, limit = 5000): Promise<PendingNotice[]> {
  const ids = await kv.zRangeByScore(DUE, 0, nowMs, limit);
  if (ids.length === 0) return [];
  const raws = await kv.mGet(ids.map(itemKey));
  const found: PendingNotice[] = [];
  for (const [i, raw] of raws.entries()) {
    if (raw) found.push(JSON.parse(raw) as PendingNotice);
    else await kv.zRem(DUE, ids[i]!);
  }
  return found;
}

export async function pendingCount(kv: Kv): Promise<number> {
  return kv.zCard(DUE);
}

/** Removes notices that were delivered (or deliberately dropped). */
export async function completeNotices(kv: Kv, notices: PendingNotice[]): Promise<void> {
  if (notices.length === 0) return;
  await kv.zRem(DUE, ...notices.map((n) => n.id));
  await kv.del(...notices.flatMap((n) => [itemKey(n.id), inFlightKey(n.id)]));
}

/**
 * Marks notices as being sent, before Slack is called. If the store fails right after Slack
 * accepted the message, the mark survives, and the next flush knows the outcome is unknown.
 */
export async function markInFlight(kv: Kv, notices: PendingNotice[]): Promise<void> {
  for (const n of notices) await kv.set(inFlightKey(n.id), '1', { ttlMs: ONCE_TTL_MS });
}

export async function clearInFlight(kv: Kv, notices: PendingNotice[]): Promise<void> {
  if (notices.length) await kv.del(...notices.map((n) => inFlightKey(n.id)));
}

/** Notices whose last send attempt ended without the store hearing how it went. */
export async function unsettled(kv: Kv, notices: PendingNotice[]): Promise<PendingNotice[]> {
  if (notices.length === 0) return [];
  const marks = await kv.mGet(notices.map((n) => inFlightKey(n.id)));
  return notices.filter((_, i) => marks[i] !== null);
}

/** Puts notices back for a later attempt; nothing is lost when Slack says "not now". */
export async function retryNotices(kv: Kv, notices: PendingNotice[], atMs: number) {
  for (const n of notices) {
    const next = { ...n, attempts: (n.attempts ?? 0) + 1 };
    await kv.set(itemKey(n.id), JSON.stringify(next));
    await kv.zAdd(DUE, atMs, n.id);
  }
}
