// Where deliveries that failed for good are kept for an operator to look at: a stream beside
// the queue, capped, and counted on /metrics.
import type { Metrics } from '../server/metrics.ts';
import type { Kv } from '../store/kv.ts';

/**
 * Most dead letters kept; the oldest go first. Each entry holds a whole delivery (a few KB
 * to tens of KB for alert events; GitHub allows up to 25 MB), and nothing ever removes one,
 * so without a cap a failure that repeats for days (a bug, a lasting outage) grows Redis
 * until it runs out of memory and takes the queue with it. A thousand keeps days of failures
 * at any rate worth looking into, and the newest, which matter most; the state a lost one
 * carried is repaired by the next poll, and GitHub can still redeliver it for three days.
 */
export const DEAD_LETTER_MAX_ENTRIES = 1000;

export function deadLetterStream(stream: string): string {
  return `${stream}:dead`;
}

/** Reads the length of a queue's dead-letter stream into its gauge; called on each scrape. */
export async function refreshDeadLetterGauge(
  kv: Kv,
  metrics: Metrics,
  queue: { name: string; stream: string; group: string },
): Promise<void> {
  // Nobody reads the dead letters as a group; the stats still count what the stream holds.
  const stats = await kv.queueStats(deadLetterStream(queue.stream), queue.group);
  metrics.deadLetters.set({ queue: queue.name }, stats.length);
}
