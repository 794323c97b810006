// A lease in Redis so that one replica at a time runs a piece of scheduled work. The lease
// expires on its own if the holder dies, and only the holder can release it.
import { randomUUID } from 'node:crypto';
import type { Kv } from './kv.ts';

export interface Lease {
  release(): Promise<void>;
}

const RELEASE_RETRY_MS = 250;

/**
 * Gives a lease back. When the store cannot be reached (Redis restarting), keeps trying in
 * the background until the lease would have expired anyway: otherwise a short outage leaves
 * the work locked for the whole TTL after the store is back.
 */
async function giveBack(kv: Kv, key: string, token: string, ttlMs: number): Promise<void> {
  const until = Date.now() + ttlMs;
  const attempt = () =>
    kv.delIfEquals(key, token).then(
      () => undefined,
      () => {
        if (Date.now() + RELEASE_RETRY_MS < until) {
          setTimeout(() => void attempt(), RELEASE_RETRY_MS).unref();
        }
      },
    );
  await attempt();
}

export async function acquireLock(kv: Kv, name: string, ttlMs: number): Promise<Lease | null> {
  const token = randomUUID();
  const key = `lock:${name}`;
  if (!(await kv.set(key, token, { nx: true, ttlMs }))) return null;
  return {
    release: () => giveBack(kv, key, token, ttlMs),
  };
}

/**
 * Runs `work` only if this process wins the lock; returns undefined when another holds it.
 * The lease is renewed while the work runs, so a slow run is not taken over halfway.
 */
export async function withLock<T>(
  kv: Kv,
  name: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const token = randomUUID();
  const key = `lock:${name}`;
  if (!(await kv.set(key, token, { nx: true, ttlMs }))) return { ran: false };
  const renew = setInterval(
    () => {
      kv.expireIfEquals(key, token, ttlMs).catch(() => {});
    },
    Math.max(50, Math.floor(ttlMs / 3)),
  );
  renew.unref();
  try {
    return { ran: true, value: await work() };
  } finally {
    clearInterval(renew);
    await giveBack(kv, key, token, ttlMs);
  }
}

/** True the first time a key is claimed within `ttlMs`: one effect per key across replicas. */
export async function claimOnce(kv: Kv, key: string, ttlMs: number): Promise<boolean> {
  return kv.set(`once:${key}`, '1', { nx: true, ttlMs });
}

/** Whether a key was already claimed (and not given back). */
export async function isClaimed(kv: Kv, key: string): Promise<boolean> {
  return (await kv.get(`once:${key}`)) !== null;
}

/** Gives a claim back after the effect failed, so a retry may try again. */
export async function releaseClaim(kv: Kv, key: string): Promise<void> {
  await kv.del(`once:${key}`);
}
