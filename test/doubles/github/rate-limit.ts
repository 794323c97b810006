// Primary rate limit accounting. GitHub counts per user for personal and user-to-server
// tokens and per installation for installation tokens; a 304 and GET /rate_limit are free.
import type { Identity } from './auth.ts';

export interface Bucket {
  limit: number;
  used: number;
  // Epoch seconds, as in x-ratelimit-reset.
  reset: number;
}

const WINDOW_S = 3600;

function limitFor(identity: Identity | undefined): number {
  if (!identity) return 60;
  // Installations on Enterprise Cloud orgs get 15,000; personal tokens 5,000.
  return identity.kind === 'installation' ? 15_000 : 5_000;
}

export function bucketKey(identity: Identity | undefined, address: string): string {
  if (!identity) return `ip:${address}`;
  if (identity.kind === 'installation') return `installation:${identity.installationId}`;
  if (identity.kind === 'app') return 'app';
  return `user:${identity.login}`;
}

export class RateLimits {
  private buckets = new Map<string, Bucket>();

  constructor(private readonly nowMs: () => number) {}

  bucket(identity: Identity | undefined, address: string): Bucket {
    const key = bucketKey(identity, address);
    const nowS = Math.floor(this.nowMs() / 1000);
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.reset <= nowS) {
      bucket = { limit: limitFor(identity), used: 0, reset: nowS + WINDOW_S };
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  set(key: string, change: { remaining?: number; limit?: number; resetInSeconds?: number }): void {
    const nowS = Math.floor(this.nowMs() / 1000);
    const bucket = this.buckets.get(key) ?? { limit: 5000, used: 0, reset: nowS + WINDOW_S };
    if (change.limit !== undefined) bucket.limit = change.limit;
    if (change.remaining !== undefined) bucket.used = bucket.limit - change.remaining;
    if (change.resetInSeconds !== undefined) bucket.reset = nowS + change.resetInSeconds;
    this.buckets.set(key, bucket);
  }

  clear(): void {
    this.buckets.clear();
  }
}

export function remaining(bucket: Bucket): number {
  return Math.max(bucket.limit - bucket.used, 0);
}

export function rateHeaders(bucket: Bucket): Record<string, string> {
  return {
    'x-ratelimit-limit': String(bucket.limit),
    'x-ratelimit-remaining': String(remaining(bucket)),
    'x-ratelimit-used': String(bucket.used),
    'x-ratelimit-reset': String(bucket.reset),
    'x-ratelimit-resource': 'core',
  };
}

// GET /rate_limit body; `rate` is still required by the 2022-11-28 schema.
export function rateLimitBody(bucket: Bucket): Record<string, unknown> {
  const core = {
    limit: bucket.limit,
    remaining: remaining(bucket),
    reset: bucket.reset,
    used: bucket.used,
  };
  const idle = (limit: number) => ({ limit, remaining: limit, reset: bucket.reset, used: 0 });
  return {
    resources: {
      core,
      search: idle(30),
      graphql: idle(bucket.limit),
      code_scanning_autofix: idle(10),
    },
    rate: core,
  };
}
