// The Redis connection and the scripts RedisKv runs.
import { createHash } from 'node:crypto';
import { createClient } from 'redis';

export function makeClient(url: string) {
  return createClient({
    url,
    // Fail fast when Redis is down instead of queueing commands forever: the intake must
    // answer 503 at once so GitHub's delivery log shows the failure.
    disableOfflineQueue: true,
    socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2000) },
  });
}

export type Client = ReturnType<typeof makeClient>;

/**
 * The client retries a lost connection forever, which is right once running but would leave
 * a start against a wrong REDIS_URL hanging silently: the first connection is bounded.
 */
export async function connectWithin(client: Client, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const giveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([client.connect(), giveUp]);
  } catch (err) {
    client.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

// Dedupe and append in one step: a delivery is either queued and remembered, or neither.
export const ENQUEUE_ONCE = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then
  return redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2))
end
return false`;

export const DEL_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export const EXPIRE_IF_EQUALS = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const shas = new Map<string, string>();

/**
 * Runs a Lua script by its SHA, sending the body only when Redis does not know it yet (after
 * a restart, say): the intake runs one on every delivery and should not resend it each time.
 */
export async function runScript(
  client: Client,
  script: string,
  options: { keys: string[]; arguments: string[] },
): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await client.evalSha(sha, options);
  } catch (err) {
    if (!String((err as Error).message).startsWith('NOSCRIPT')) throw err;
    return client.eval(script, options);
  }
}
