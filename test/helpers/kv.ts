// Stores for tests: a fresh MemoryKv, or a RedisKv on the local Redis under a prefix no
// other test uses, cleaned when the test is done.
import { randomUUID } from 'node:crypto';
import type { Kv } from '../../src/store/kv.ts';
import { MemoryKv } from '../../src/store/memory-kv.ts';
import { RedisKv } from '../../src/store/redis-kv.ts';

export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface TestKv {
  kv: Kv;
  prefix: string;
  cleanup(): Promise<void>;
}

export async function redisTestKv(): Promise<TestKv> {
  const prefix = `burndown-test:${randomUUID()}:`;
  const kv = await RedisKv.connect({ url: TEST_REDIS_URL, prefix });
  return {
    kv,
    prefix,
    async cleanup() {
      const keys = await kv.scanKeys('*');
      if (keys.length) await kv.del(...keys);
      await kv.close();
    },
  };
}

export async function memoryTestKv(): Promise<TestKv> {
  const kv = new MemoryKv();
  return { kv, prefix: '', cleanup: () => kv.close() };
}

/** Both stores, so a suite can run its cases against each. */
export const STORES: [string, () => Promise<TestKv>][] = [
  ['memory', memoryTestKv],
  ['redis', redisTestKv],
];
