// Picks the store: Redis when REDIS_URL is set (shared by replicas, survives restarts),
// memory otherwise, so a first `npm start` works with nothing else installed.
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Kv } from './kv.ts';
import { MemoryKv } from './memory-kv.ts';
import { RedisKv } from './redis-kv.ts';

export async function openStore(config: Config, logger: Logger): Promise<Kv> {
  if (config.REDIS_URL) {
    return RedisKv.connect({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX });
  }
  logger.warn(
    { store: 'memory' },
    'REDIS_URL is not set: state lives in memory, is lost on restart, and replicas cannot share it',
  );
  return new MemoryKv();
}
