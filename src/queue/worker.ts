// Takes deliveries off a durable queue and hands them to a handler. An entry is
// acknowledged only after its handler succeeds; a failure leaves it pending, and entries
// left pending (a failed handler, a replica that died) are claimed again after a while.
// After too many attempts an entry goes to a dead-letter stream (capped, see
// dead-letters.ts), so one poison delivery cannot block the queue forever.
import type { Logger } from '../log.ts';
import type { Kv, QueueEntry } from '../store/kv.ts';
import { DEAD_LETTER_MAX_ENTRIES, deadLetterStream } from './dead-letters.ts';

const DEFAULT_BATCH = 8;

export type EntryHandler = (entry: QueueEntry) => Promise<void>;

export interface WorkerOptions {
  kv: Kv;
  stream: string;
  group: string;
  consumer: string;
  handler: EntryHandler;
  logger: Logger;
  /** How long an entry may stay unacknowledged before another consumer retries it. */
  claimAfterMs?: number;
  maxAttempts?: number;
  /** Failures no retry can mend (an unreadable body): such entries go to the dead letters now. */
  isPermanent?: (err: unknown) => boolean;
  blockMs?: number;
  /**
   * Entries handled at once. They are read together and handled side by side, so none
   * waits its turn long enough to look abandoned to another replica.
   */
  batch?: number;
  /** How often handled entries are trimmed from the stream. */
  trimEveryMs?: number;
  /**
   * True while this replica's webhook intake is under a burst. The worker then rests
   * BACK_SEAT_RATIO times as long as each batch took before reading the next, so answering
   * GitHub keeps most of the CPU; it never stops, so the backlog still drains.
   */
  intakeBursting?: () => boolean;
  /** Fields naming an entry in failure logs (a delivery id, say), so operators can find it. */
  describe?: (entry: QueueEntry) => Record<string, string | undefined>;
  /** Waits between batches; tests replace it to see the pauses without waiting. */
  pause?: (ms: number) => Promise<void>;
  /** Most entries the dead-letter stream keeps; default DEAD_LETTER_MAX_ENTRIES. */
  deadLetterMax?: number;
}

/** During a burst the worker works one part of the time and rests this many. */
export const BACK_SEAT_RATIO = 6;
/** The longest rest, so a slow batch does not park the worker for long. */
export const MAX_BACK_SEAT_MS = 100;

export class QueueWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  private inFlight = 0;
  private readonly log: Logger;

  constructor(private readonly o: WorkerOptions) {
    this.log = o.logger.child({
      component: 'queue-worker',
      stream: o.stream,
      consumer: o.consumer,
    });
  }

  async start(): Promise<void> {
    await this.o.kv.ensureGroup(this.o.stream, this.o.group);
    this.running = true;
    this.loop = this.run();
  }

  /** Stops taking new work and waits for what is in hand; unfinished entries stay pending. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  get busy(): number {
    return this.inFlight;
  }

  /** Keeps the stream from growing forever; any replica may do it, it is idempotent. */
  private async trim(): Promise<void> {
    try {
      const removed = await this.o.kv.trimHandled(this.o.stream, this.o.group);
      if (removed) this.log.debug({ removed }, 'handled queue entries trimmed');
    } catch (err) {
      this.log.warn({ err, code: 'store_unavailable' }, 'queue trim failed; will retry');
    }
  }

  private async run(): Promise<void> {
    let lastClaim = 0;
    let lastTrim = Date.now();
    const claimAfter = this.o.claimAfterMs ?? 30_000;
    while (this.running) {
      try {
        let entries: QueueEntry[] = [];
        if (Date.now() - lastClaim >= Math.min(claimAfter, 5000)) {
          lastClaim = Date.now();
          entries = await this.o.kv.claimStale(
            this.o.stream,
            this.o.group,
            this.o.consumer,
            claimAfter,
            this.o.batch ?? DEFAULT_BATCH,
          );
        }
        if (entries.length === 0) {
          entries = await this.o.kv.readGroup(this.o.stream, this.o.group, this.o.consumer, {
            count: this.o.batch ?? DEFAULT_BATCH,
            blockMs: this.o.blockMs ?? 1000,
          });
        }
        if (this.running && entries.length > 0) {
          const began = performance.now();
          await Promise.all(entries.map((entry) => this.process(entry)));
          await this.giveWayToIntake(performance.now() - began);
        }
        if (Date.now() - lastTrim >= (this.o.trimEveryMs ?? 60_000)) {
          lastTrim = Date.now();
          await this.trim();
        }
      } catch (err) {
        this.log.error({ err, code: 'store_unavailable' }, 'queue read failed; retrying');
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async giveWayToIntake(batchMs: number): Promise<void> {
    if (!this.running || !this.o.intakeBursting?.()) return;
    const rest = Math.min(MAX_BACK_SEAT_MS, Math.max(1, batchMs * BACK_SEAT_RATIO));
    await (this.o.pause ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))))(rest);
  }

  /** Handles one entry; exposed so tests can drive the worker step by step. */
  async process(entry: QueueEntry): Promise<boolean> {
    this.inFlight++;
    try {
      try {
        await this.o.handler(entry);
      } catch (err) {
        await this.failed(entry, err);
        return false;
      }
      await this.acknowledge(entry);
      return true;
    } finally {
      this.inFlight--;
    }
  }

  /**
   * The work is done (handled, or moved to the dead letters); only the store may not hear
   * so. An acknowledgement that fails leaves the entry pending: it is claimed again after
   * claimAfterMs and handled once more, which handlers allow (a change seen twice notifies
   * once). Counting it as a handler failure would retry finished work as failed, and on a
   * last attempt move it to the dead letters.
   */
  private async acknowledge(entry: QueueEntry): Promise<void> {
    try {
      await this.o.kv.ack(this.o.stream, this.o.group, entry.id);
    } catch (err) {
      this.log.warn(
        {
          ...this.o.describe?.(entry),
          entry: entry.id,
          attempt: entry.deliveries,
          err,
          code: 'store_unavailable',
        },
        'queue entry finished but not acknowledged; left pending to be claimed again',
      );
    }
  }

  private async failed(entry: QueueEntry, err: unknown): Promise<void> {
    const fields = {
      ...this.o.describe?.(entry),
      entry: entry.id,
      attempt: entry.deliveries,
      err,
      code: 'queue_handler_failed',
    };
    const permanent = this.o.isPermanent?.(err) ?? false;
    if (!permanent && entry.deliveries < (this.o.maxAttempts ?? 5)) {
      this.log.warn(fields, 'queue entry failed; left pending for a retry');
      return;
    }
    try {
      await this.o.kv.enqueue(
        deadLetterStream(this.o.stream),
        { ...entry.fields, failedId: entry.id },
        { maxLen: this.o.deadLetterMax ?? DEAD_LETTER_MAX_ENTRIES },
      );
    } catch (storeErr) {
      // Still pending: the next claim tries the entry (and, failing again, this move) anew.
      this.log.error(
        {
          ...fields,
          err: storeErr,
          handlerError: err instanceof Error ? err.message : String(err),
          code: 'store_unavailable',
        },
        'queue entry not moved to dead letters; left pending',
      );
      return;
    }
    this.log.error(
      fields,
      permanent
        ? 'queue entry cannot be handled; moved to dead letters'
        : 'queue entry failed too often; moved to dead letters',
    );
    await this.acknowledge(entry);
  }
}
