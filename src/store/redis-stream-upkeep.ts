// How far a Redis stream's consumer group has got, and trimming what it has finished.
import type { QueueStats } from './kv.ts';
import type { Client } from './redis-client.ts';

export async function streamStats(client: Client, key: string, group: string): Promise<QueueStats> {
  if (!(await client.exists(key))) return { length: 0, pending: 0, lagMs: 0 };
  const length = await client.xLen(key);
  let pending = 0;
  let oldest: number | undefined;
  try {
    const summary = await client.xPending(key, group);
    pending = Number(summary.pending);
    if (summary.firstId) oldest = Number(String(summary.firstId).split('-')[0]);
    const groups = await client.xInfoGroups(key);
    const g = groups.find((x) => x.name === group);
    const lastDelivered = g ? String(g['last-delivered-id']) : '0-0';
    const next = await client.xRange(key, `(${lastDelivered}`, '+', { COUNT: 1 });
    const firstWaiting = next?.[0] ? Number(next[0].id.split('-')[0]) : undefined;
    if (firstWaiting !== undefined && (oldest === undefined || firstWaiting < oldest)) {
      oldest = firstWaiting;
    }
  } catch {
    // No group yet: everything in the stream is waiting.
  }
  return { length, pending, lagMs: oldest === undefined ? 0 : Date.now() - oldest };
}

/** Drops entries the group was handed and acknowledged; waiting and pending ones stay. */
export async function trimStream(client: Client, key: string, group: string): Promise<number> {
  if (!(await client.exists(key))) return 0;
  const groups = await client.xInfoGroups(key);
  const g = groups.find((x) => x.name === group);
  // Another group may still need entries this one has handled; leave the stream alone.
  if (!g || groups.length !== 1) return 0;
  const summary = await client.xPending(key, group);
  const keepFrom = summary.firstId ? String(summary.firstId) : String(g['last-delivered-id']);
  return client.xTrim(key, 'MINID', keepFrom);
}
