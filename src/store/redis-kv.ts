// Kv on Redis, the store of record shared by every replica. Every key carries a prefix so
// several bots, or test runs, can share one server without touching each other's keys.
import { BotError } from '../errors.ts';
import type { Kv, QueueEntry, QueueStats, SetOptions } from './kv.ts';
import {
  type Client,
  connectWithin,
  DEL_IF_EQUALS,
  ENQUEUE_ONCE,
  EXPIRE_IF_EQUALS,
  makeClient,
  runScript,
} from './redis-client.ts';
import { streamStats, trimStream } from './redis-stream-upkeep.ts';

export interface RedisKvOptions {
  url: string;
  prefix: string;
  /** How long the first connection may take before start-up fails. */
  connectTimeoutMs?: number;
}

export class RedisKv implements Kv {
  readonly kind = 'redis' as const;
  // XREADGROUP BLOCK holds its connection; readers get their own so commands never queue
  // behind a blocked read.
  private blocking: Client | undefined;

  private constructor(
    private readonly client: Client,
    private readonly prefix: string,
  ) {}

  static async connect(options: RedisKvOptions): Promise<RedisKv> {
    const client = makeClient(options.url);
    client.on('error', () => {
      // Connection errors surface as rejected commands; reconnects happen on their own.
    });
    try {
      await connectWithin(client, options.connectTimeoutMs ?? 5000);
    } catch (err) {
      throw new BotError('store_unavailable', 'cannot connect to Redis (check REDIS_URL)', {
        cause: err,
      });
    }
    return new RedisKv(client, options.prefix);
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.client.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    for (const c of [this.blocking, this.client]) {
      if (c?.isOpen) await c.close().catch(() => c.destroy());
    }
  }

  async get(key: string): Promise<string | null> {
    return (await this.client.get(this.k(key))) as string | null;
  }

  async mGet(keys: string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    return (await this.client.mGet(keys.map((k) => this.k(k)))) as (string | null)[];
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    const reply = await this.client.set(this.k(key), value, {
      ...(options.ttlMs ? { expiration: { type: 'PX' as const, value: options.ttlMs } } : {}),
      ...(options.nx ? { condition: 'NX' as const } : {}),
    });
    return reply === 'OK';
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.client.del(keys.map((k) => this.k(k)));
  }

  async delIfEquals(key: string, value: string): Promise<boolean> {
    const n = await runScript(this.client, DEL_IF_EQUALS, {
      keys: [this.k(key)],
      arguments: [value],
    });
    return n === 1;
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    const n = await runScript(this.client, EXPIRE_IF_EQUALS, {
      keys: [this.k(key)],
      arguments: [value, String(ttlMs)],
    });
    return n === 1;
  }

  async incrBy(key: string, by: number): Promise<number> {
    return this.client.incrBy(this.k(key), by);
  }

  async pttl(key: string): Promise<number> {
    return this.client.pTTL(this.k(key));
  }

  async pExpire(key: string, ttlMs: number): Promise<boolean> {
    return (await this.client.pExpire(this.k(key), ttlMs)) === 1;
  }

  async hGet(key: string, field: string): Promise<string | null> {
    return ((await this.client.hGet(this.k(key), field)) as string | null) ?? null;
  }

  async hSet(key: string, values: Record<string, string>): Promise<void> {
    if (Object.keys(values).length > 0) await this.client.hSet(this.k(key), values);
  }

  async hGetAll(key: string): Promise<Record<string, string>> {
    return { ...((await this.client.hGetAll(this.k(key))) as Record<string, string>) };
  }

  async hDel(key: string, ...fields: string[]): Promise<number> {
    return fields.length ? this.client.hDel(this.k(key), fields) : 0;
  }

  async hIncrBy(key: string, field: string, by: number): Promise<number> {
    return this.client.hIncrBy(this.k(key), field, by);
  }

  async sAdd(key: string, ...members: string[]): Promise<number> {
    return members.length ? this.client.sAdd(this.k(key), members) : 0;
  }

  async sRem(key: string, ...members: string[]): Promise<number> {
    return members.length ? this.client.sRem(this.k(key), members) : 0;
  }

  async sMembers(key: string): Promise<string[]> {
    return (await this.client.sMembers(this.k(key))) as string[];
  }

  async sIsMember(key: string, member: string): Promise<boolean> {
    return (await this.client.sIsMember(this.k(key), member)) === 1;
  }

  async zAdd(key: string, score: number, member: string): Promise<void> {
    await this.client.zAdd(this.k(key), { score, value: member });
  }

  async zRangeByScore(key: string, min: number, max: number, limit?: number): Promise<string[]> {
    const options = limit === undefined ? {} : { LIMIT: { offset: 0, count: limit } };
    return (await this.client.zRangeByScore(this.k(key), min, max, options)) as string[];
  }

  async zRem(key: string, ...members: string[]): Promise<number> {
    return members.length ? this.client.zRem(this.k(key), members) : 0;
  }

  async zCard(key: string): Promise<number> {
    return this.client.zCard(this.k(key));
  }

  async rPush(key: string, ...values: string[]): Promise<number> {
    return this.client.rPush(this.k(key), values);
  }

  async lRange(key: string, start: number, stop: number): Promise<string[]> {
    return (await this.client.lRange(this.k(key), start, stop)) as string[];
  }

  async lLen(key: string): Promise<number> {
    return this.client.lLen(this.k(key));
  }

  async scanKeys(match: string): Promise<string[]> {
    const found: string[] = [];
    // The prefix is matched literally: `[`, `*`, `?` or `\` in it would otherwise be a pattern.
    const literalPrefix = this.prefix.replace(/[[\]*?\\]/g, '\\$&');
    const pattern = `${literalPrefix}${match}`;
    for await (const batch of this.client.scanIterator({ MATCH: pattern, COUNT: 500 })) {
      for (const key of batch as string[]) found.push(key.slice(this.prefix.length));
    }
    return found;
  }

  async enqueueOnce(
    stream: string,
    dedupeKey: string,
    dedupeTtlMs: number,
    fields: Record<string, string>,
  ): Promise<string | null> {
    const flat = Object.entries(fields).flat();
    const id = await runScript(this.client, ENQUEUE_ONCE, {
      keys: [this.k(dedupeKey), this.k(stream)],
      arguments: [String(dedupeTtlMs), ...flat],
    });
    return typeof id === 'string' ? id : null;
  }

  async enqueue(
    stream: string,
    fields: Record<string, string>,
    options: { maxLen?: number } = {},
  ): Promise<string> {
    // Exact trimming: the capped streams are written rarely (dead letters), so dropping one
    // entry per write costs nothing, and the cap holds exactly; `~` could keep a whole
    // stream node (100 entries by default) more, each possibly a large payload.
    const trim =
      options.maxLen === undefined
        ? {}
        : {
            TRIM: {
              strategy: 'MAXLEN' as const,
              strategyModifier: '=' as const,
              threshold: options.maxLen,
            },
          };
    return this.client.xAdd(this.k(stream), '*', fields, trim);
  }

  async ensureGroup(stream: string, group: string): Promise<void> {
    try {
      await this.client.xGroupCreate(this.k(stream), group, '0', { MKSTREAM: true });
    } catch (err) {
      if (!String((err as Error).message).includes('BUSYGROUP')) throw err;
    }
  }

  private async reader(): Promise<Client> {
    if (!this.blocking) {
      this.blocking = this.client.duplicate();
      this.blocking.on('error', () => {});
      await this.blocking.connect();
    }
    return this.blocking;
  }

  async readGroup(
    stream: string,
    group: string,
    consumer: string,
    options: { count: number; blockMs: number },
  ): Promise<QueueEntry[]> {
    const client = options.blockMs > 0 ? await this.reader() : this.client;
    const reply = await client.xReadGroup(
      group,
      consumer,
      { key: this.k(stream), id: '>' },
      { COUNT: options.count, ...(options.blockMs > 0 ? { BLOCK: options.blockMs } : {}) },
    );
    const streams = (reply ?? []) as {
      messages: { id: string; message: Record<string, string> }[];
    }[];
    return streams.flatMap((s) =>
      s.messages.map((m) => ({ id: m.id, fields: { ...m.message }, deliveries: 1 })),
    );
  }

  async ack(stream: string, group: string, ...ids: string[]): Promise<number> {
    return ids.length ? this.client.xAck(this.k(stream), group, ids) : 0;
  }

  async claimStale(
    stream: string,
    group: string,
    consumer: string,
    minIdleMs: number,
    count: number,
  ): Promise<QueueEntry[]> {
    const reply = await this.client.xAutoClaim(this.k(stream), group, consumer, minIdleMs, '0', {
      COUNT: count,
    });
    const messages = reply.messages.filter((m) => m !== null) as unknown as {
      id: string;
      message: Record<string, string>;
    }[];
    const entries: QueueEntry[] = [];
    for (const m of messages) {
      const info = await this.client.xPendingRange(this.k(stream), group, m.id, m.id, 1);
      const deliveries = Number(info[0]?.deliveriesCounter ?? 1);
      entries.push({ id: m.id, fields: { ...m.message }, deliveries });
    }
    return entries;
  }

  async queueStats(stream: string, group: string): Promise<QueueStats> {
    return streamStats(this.client, this.k(stream), group);
  }

  async trimHandled(stream: string, group: string): Promise<number> {
    return trimStream(this.client, this.k(stream), group);
  }
}
