// The storage primitives Burndown needs, in Redis terms. Two implementations exist: Redis
// (the store of record, shared by every replica) and memory (a first `npm start` with no
// Redis). Domain modules build on these; one contract suite holds both to the same rules.

export interface SetOptions {
  /** Time to live in milliseconds. */
  ttlMs?: number;
  /** Only set when the key does not exist (SET NX). */
  nx?: boolean;
}

export interface QueueEntry {
  id: string;
  fields: Record<string, string>;
  /** How many times the entry has been handed to a consumer, this time included. */
  deliveries: number;
}

export interface QueueStats {
  length: number;
  pending: number;
  /** Milliseconds since the oldest entry not yet acknowledged was added; 0 when none. */
  lagMs: number;
}

export interface Kv {
  readonly kind: 'redis' | 'memory';
  ping(): Promise<boolean>;
  close(): Promise<void>;

  get(key: string): Promise<string | null>;
  mGet(keys: string[]): Promise<(string | null)[]>;
  /** Returns false when `nx` was asked and the key already existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  del(...keys: string[]): Promise<number>;
  /** Deletes the key only while it still holds `value` (safe lock release). */
  delIfEquals(key: string, value: string): Promise<boolean>;
  /** Extends the TTL only while the key still holds `value` (lock renewal). */
  expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;
  incrBy(key: string, by: number): Promise<number>;
  /** Remaining TTL in ms; -1 without expiry, -2 when missing. */
  pttl(key: string): Promise<number>;
  /** Sets the time to live of a string, hash, set or list; false when the key is missing. */
  pExpire(key: string, ttlMs: number): Promise<boolean>;

  hGet(key: string, field: string): Promise<string | null>;
  hSet(key: string, values: Record<string, string>): Promise<void>;
  hGetAll(key: string): Promise<Record<string, string>>;
  hDel(key: string, ...fields: string[]): Promise<number>;
  hIncrBy(key: string, field: string, by: number): Promise<number>;

  sAdd(key: string, ...members: string[]): Promise<number>;
  sRem(key: string, ...members: string[]): Promise<number>;
  sMembers(key: string): Promise<string[]>;
  sIsMember(key: string, member: string): Promise<boolean>;

  zAdd(key: string, score: number, member: string): Promise<void>;
  /** Members with min <= score <= max, lowest first. */
  zRangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]>;
  zRem(key: string, ...members: string[]): Promise<number>;
  zCard(key: string): Promise<number>;

  rPush(key: string, ...values: string[]): Promise<number>;
  lRange(key: string, start: number, stop: number): Promise<string[]>;
  lLen(key: string): Promise<number>;

  /** Keys under the prefix matching a glob, without the prefix. */
  scanKeys(match: string): Promise<string[]>;

  /**
   * Appends to a stream unless `dedupeKey` was seen within `dedupeTtlMs`. Both happen
   * together or not at all, so a refused write never burns the dedupe key.
   * Returns the entry id, or null for a duplicate.
   */
  enqueueOnce(
    stream: string,
    dedupeKey: string,
    dedupeTtlMs: number,
    fields: Record<string, string>,
  ): Promise<string | null>;
  /** Appends to a stream; with `maxLen`, the oldest entries go so at most that many stay. */
  enqueue(
    stream: string,
    fields: Record<string, string>,
    options?: { maxLen?: number },
  ): Promise<string>;
  ensureGroup(stream: string, group: string): Promise<void>;
  /** New entries for this consumer; waits up to `blockMs` when there are none. */
  readGroup(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; blockMs: number },
  ): Promise<QueueEntry[]>;
  ack(stream: string, group: string, ...ids: string[]): Promise<number>;
  /** Takes over entries left unacknowledged for at least `minIdleMs` (a dead or failed worker). */
  claimStale(
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count: number,
  ): Promise<QueueEntry[]>;
  queueStats(stream: string, group: string): Promise<QueueStats>;
  /**
   * Drops entries the group has been handed and acknowledged, so the stream does not grow
   * forever; entries still waiting or pending stay. Returns how many went, when known.
   */
  trimHandled(stream: string, group: string): Promise<number>;
}
