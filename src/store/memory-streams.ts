// Streams with consumer groups, in memory, with the Redis semantics the queue relies on:
// entries handed to one consumer stay pending until acknowledged, and stale pending entries
// can be claimed by another consumer.
import { BotError } from '../errors.ts';
import type { QueueEntry, QueueStats } from './kv.ts';

interface Pending {
  consumer: string;
  deliveredAt: number;
  deliveries: number;
}

interface Group {
  /** Index in `entries` of the next entry never handed out. */
  next: number;
  pending: Map<string, Pending>;
}

interface Stream {
  entries: { id: string; fields: Record<string, string>; at: number }[];
  groups: Map<string, Group>;
  seq: number;
  waiters: Set<() => void>;
}

export class MemoryStreams {
  private readonly streams = new Map<string, Stream>();

  names(): string[] {
    return [...this.streams.keys()];
  }

  delete(name: string): boolean {
    return this.streams.delete(name);
  }

  wakeAll(): void {
    for (const s of this.streams.values()) for (const w of s.waiters) w();
  }

  private stream(name: string): Stream {
    let s = this.streams.get(name);
    if (!s) {
      s = { entries: [], groups: new Map(), seq: 0, waiters: new Set() };
      this.streams.set(name, s);
    }
    return s;
  }

  /** Appends an entry; with `maxLen`, drops the oldest (as XADD MAXLEN) beyond that many. */
  enqueue(name: string, fields: Record<string, string>, maxLen?: number): string {
    const s = this.stream(name);
    const at = Date.now();
    const id = `${at}-${s.seq++}`;
    s.entries.push({ id, fields: { ...fields }, at });
    const drop = maxLen === undefined ? 0 : s.entries.length - maxLen;
    if (drop > 0) {
      s.entries.splice(0, drop);
      // Entries dropped before a group read them are gone for it, as in Redis.
      for (const g of s.groups.values()) g.next = Math.max(0, g.next - drop);
    }
    for (const wake of s.waiters) wake();
    return id;
  }

  ensureGroup(name: string, group: string): void {
    const s = this.stream(name);
    if (!s.groups.has(group)) s.groups.set(group, { next: 0, pending: new Map() });
  }

  async readGroup(
    name: string,
    group: string,
    consumer: string,
    options: { count: number; blockMs: number },
  ): Promise<QueueEntry[]> {
    const s = this.stream(name);
    const g = s.groups.get(group);
    if (!g) throw new BotError('store_misuse', `NOGROUP ${name} ${group}`);
    if (g.next >= s.entries.length && options.blockMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          s.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, options.blockMs);
        s.waiters.add(done);
      });
    }
    const taken = s.entries.slice(g.next, g.next + options.count);
    g.next += taken.length;
    const now = Date.now();
    return taken.map((e) => {
      g.pending.set(e.id, { consumer, deliveredAt: now, deliveries: 1 });
      return { id: e.id, fields: { ...e.fields }, deliveries: 1 };
    });
  }

  ack(name: string, group: string, ids: string[]): number {
    const g = this.streams.get(name)?.groups.get(group);
    return g ? ids.filter((id) => g.pending.delete(id)).length : 0;
  }

  claimStale(
    name: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count: number,
  ): QueueEntry[] {
    const s = this.streams.get(name);
    const g = s?.groups.get(group);
    if (!s || !g) return [];
    const now = Date.now();
    const claimed: QueueEntry[] = [];
    for (const [id, p] of g.pending) {
      if (claimed.length >= count) break;
      if (now - p.deliveredAt < minIdleMs) continue;
      const entry = s.entries.find((e) => e.id === id);
      if (!entry) continue;
      p.consumer = consumer;
      p.deliveredAt = now;
      p.deliveries += 1;
      claimed.push({ id, fields: { ...entry.fields }, deliveries: p.deliveries });
    }
    return claimed;
  }

  stats(name: string, group: string): QueueStats {
    const s = this.streams.get(name);
    const g = s?.groups.get(group);
    if (!s) return { length: 0, pending: 0, lagMs: 0 };
    const waiting = g ? s.entries.slice(g.next) : s.entries;
    const pendingIds = g ? [...g.pending.keys()] : [];
    const oldest = [
      ...waiting.map((e) => e.at),
      ...pendingIds.map((id) => Number(id.split('-')[0])),
    ].sort((a, b) => a - b)[0];
    return {
      length: s.entries.length,
      pending: pendingIds.length,
      lagMs: oldest === undefined ? 0 : Date.now() - oldest,
    };
  }

  /** Drops entries every group has been handed and acknowledged; returns how many. */
  trimHandled(name: string, group: string): number {
    const s = this.streams.get(name);
    const g = s?.groups.get(group);
    if (!s || !g || s.groups.size !== 1) return 0;
    let keep = g.next;
    for (const id of g.pending.keys()) {
      const i = s.entries.findIndex((e) => e.id === id);
      if (i >= 0 && i < keep) keep = i;
    }
    if (keep === 0) return 0;
    s.entries.splice(0, keep);
    g.next -= keep;
    return keep;
  }
}
