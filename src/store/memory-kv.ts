// In-process implementation of Kv with Redis semantics, for a first run without Redis and
// for tests. Several app instances in one process may share one MemoryKv, as replicas
// share Redis.
import { BotError } from '../errors.ts';
import type { Kv, QueueEntry, QueueStats, SetOptions } from './kv.ts';
import { MemoryStreams } from './memory-streams.ts';

type Value =
  | { t: 'str'; v: string }
  | { t: 'hash'; v: Map<string, string> }
  | { t: 'set'; v: Set<string> }
  | { t: 'zset'; v: Map<string, number> }
  | { t: 'list'; v: string[] };

export class MemoryKv implements Kv {
  readonly kind = 'memory' as const;
  private readonly data = new Map<string, { value: Value; expiresAt?: number }>();
  private readonly queues = new MemoryStreams();
  private closed = false;

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.queues.wakeAll();
  }

  private live(key: string): Value | undefined {
    const entry = this.data.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.data.delete(key);
      return undefined;
    }
    return entry.value;
  }

  private typed<T extends Value['t']>(key: string, t: T, create: boolean) {
    const found = this.live(key);
    if (found && found.t !== t)
      throw new BotError('store_misuse', `WRONGTYPE ${key} holds ${found.t}`);
    if (found) return found as Extract<Value, { t: T }>;
    if (!create) return undefined;
    const empty = {
      str: () => ({ t: 'str', v: '' }),
      hash: () => ({ t: 'hash', v: new Map() }),
      set: () => ({ t: 'set', v: new Set() }),
      zset: () => ({ t: 'zset', v: new Map() }),
      list: () => ({ t: 'list', v: [] }),
    }[t]() as Extract<Value, { t: T }>;
    this.data.set(key, { value: empty });
    return empty;
  }

  async get(key: string): Promise<string | null> {
    return this.typed(key, 'str', false)?.v ?? null;
  }

  async mGet(keys: string[]): Promise<(string | null)[]> {
    return Promise.all(keys.map((k) => this.get(k)));
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    if (options.nx && this.live(key)) return false;
    const expiresAt = options.ttlMs ? Date.now() + options.ttlMs : undefined;
    this.data.set(key, { value: { t: 'str', v: value }, expiresAt });
    return true;
  }

  async del(...keys: string[]): Promise<number> {
    let n = 0;
    for (const k of keys) {
      if (this.live(k)) n++;
      this.data.delete(k);
      if (this.queues.delete(k)) n++;
    }
    return n;
  }

  async delIfEquals(key: string, value: string): Promise<boolean> {
    if ((await this.get(key)) !== value) return false;
    this.data.delete(key);
    return true;
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.get(key)) !== value) return false;
    this.data.get(key)!.expiresAt = Date.now() + ttlMs;
    return true;
  }

  async incrBy(key: string, by: number): Promise<number> {
    const current = Number((await this.get(key)) ?? 0);
    const entry = this.data.get(key);
    const next = current + by;
    this.data.set(key, { value: { t: 'str', v: String(next) }, expiresAt: entry?.expiresAt });
    return next;
  }

  async pttl(key: string): Promise<number> {
    if (!this.live(key)) return -2;
    const at = this.data.get(key)?.expiresAt;
    return at === undefined ? -1 : Math.max(0, at - Date.now());
  }

  async pExpire(key: string, ttlMs: number): Promise<boolean> {
    if (!this.live(key)) return false;
    this.data.get(key)!.expiresAt = Date.now() + ttlMs;
    return true;
  }

  async hGet(key: string, field: string): Promise<string | null> {
    return this.typed(key, 'hash', false)?.v.get(field) ?? null;
  }

  async hSet(key: string, values: Record<string, string>): Promise<void> {
    const h = this.typed(key, 'hash', true)!;
    for (const [f, v] of Object.entries(values)) h.v.set(f, v);
  }

  async hGetAll(key: string): Promise<Record<string, string>> {
    return Object.fromEntries(this.typed(key, 'hash', false)?.v ?? []);
  }

  async hDel(key: string, ...fields: string[]): Promise<number> {
    const h = this.typed(key, 'hash', false);
    if (!h) return 0;
    const n = fields.filter((f) => h.v.delete(f)).length;
    if (h.v.size === 0) this.data.delete(key);
    return n;
  }

  async hIncrBy(key: string, field: string, by: number): Promise<number> {
    const h = this.typed(key, 'hash', true)!;
    const next = Number(h.v.get(field) ?? 0) + by;
    h.v.set(field, String(next));
    return next;
  }

  async sAdd(key: string, ...members: string[]): Promise<number> {
    const s = this.typed(key, 'set', true)!;
    let n = 0;
    for (const m of members) if (!s.v.has(m) && s.v.add(m)) n++;
    return n;
  }

  async sRem(key: string, ...members: string[]): Promise<number> {
    const s = this.typed(key, 'set', false);
    if (!s) return 0;
    const n = members.filter((m) => s.v.delete(m)).length;
    if (s.v.size === 0) this.data.delete(key);
    return n;
  }

  async sMembers(key: string): Promise<string[]> {
    return [...(this.typed(key, 'set', false)?.v ?? [])];
  }

  async sIsMember(key: string, member: string): Promise<boolean> {
    return this.typed(key, 'set', false)?.v.has(member) ?? false;
  }

  async zAdd(key: string, score: number, member: string): Promise<void> {
    this.typed(key, 'zset', true)!.v.set(member, score);
  }

  async zRangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]> {
    const z = this.typed(key, 'zset', false);
    if (!z) return [];
    const sorted = [...z.v.entries()]
      .filter(([, s]) => s >= min && s <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
      .map(([m]) => m);
    return limit === undefined ? sorted : sorted.slice(0, limit);
  }

  async zRem(key: string, ...members: string[]): Promise<number> {
    const z = this.typed(key, 'zset', false);
    if (!z) return 0;
    const n = members.filter((m) => z.v.delete(m)).length;
    if (z.v.size === 0) this.data.delete(key);
    return n;
  }

  async zCard(key: string): Promise<number> {
    return this.typed(key, 'zset', false)?.v.size ?? 0;
  }

  async rPush(key: string, ...values: string[]): Promise<number> {
    const l = this.typed(key, 'list', true)!;
    l.v.push(...values);
    return l.v.length;
  }

  async lRange(key: string, start: number, stop: number): Promise<string[]> {
    const l = this.typed(key, 'list', false)?.v ?? [];
    const from = start < 0 ? Math.max(0, l.length + start) : start;
    const to = stop < 0 ? l.length + stop : stop;
    return l.slice(from, to + 1);
  }

  async lLen(key: string): Promise<number> {
    return this.typed(key, 'list', false)?.v.length ?? 0;
  }

  async scanKeys(match: string): Promise<string[]> {
    const re = new RegExp(`^${match.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const keys = [...this.data.keys()].filter((k) => this.live(k) !== undefined);
    return [...keys, ...this.queues.names()].filter((k) => re.test(k));
  }

  async enqueueOnce(
    stream: string,
    dedupeKey: string,
    dedupeTtlMs: number,
    fields: Record<string, string>,
  ): Promise<string | null> {
    if (!(await this.set(dedupeKey, '1', { nx: true, ttlMs: dedupeTtlMs }))) return null;
    return this.enqueue(stream, fields);
  }

  async enqueue(
    stream: string,
    fields: Record<string, string>,
    options: { maxLen?: number } = {},
  ): Promise<string> {
    if (this.closed) throw new BotError('store_unavailable', 'store closed');
    return this.queues.enqueue(stream, fields, options.maxLen);
  }

  async ensureGroup(stream: string, group: string): Promise<void> {
    this.queues.ensureGroup(stream, group);
  }

  async readGroup(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; blockMs: number },
  ): Promise<QueueEntry[]> {
    return this.queues.readGroup(
      stream,
      group,
      consumer,
      this.closed ? { ...options, blockMs: 0 } : options,
    );
  }

  async ack(stream: string, group: string, ...ids: string[]): Promise<number> {
    return this.queues.ack(stream, group, ids);
  }

  async claimStale(
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count: number,
  ): Promise<QueueEntry[]> {
    return this.queues.claimStale(stream, group, consumer, minIdleMs, count);
  }

  async queueStats(stream: string, group: string): Promise<QueueStats> {
    return this.queues.stats(stream, group);
  }

  async trimHandled(stream: string, group: string): Promise<number> {
    return this.queues.trimHandled(stream, group);
  }
}
