// A short claim per alert while someone changes it from Slack. Two people clicking within a
// second must not both write: the second is told who got there first, or (for assignee
// edits, which read and then write the whole list) waits a moment for the first to finish.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { alertKey } from '../domain/types.ts';
import type { Target } from './alert-api.ts';

export interface Holder {
  slackUserId: string;
  login: string;
  action: string;
}

export type Claim = { ok: true; release(): Promise<void> } | { ok: false; holder: Holder };

// Longer than any single GitHub write; a crashed holder frees the alert on its own.
const CLAIM_TTL_MS = 15_000;
const WAIT_STEP_MS = 100;

export async function claimAlert(
  ctx: AppContext,
  target: Target,
  who: Holder,
  options: { waitMs?: number } = {},
): Promise<Claim> {
  const key = `actions:busy:${alertKey(target)}`;
  const value = JSON.stringify({ ...who, nonce: randomUUID() });
  const until = Date.now() + (options.waitMs ?? 0);
  for (;;) {
    if (await ctx.kv.set(key, value, { nx: true, ttlMs: CLAIM_TTL_MS })) {
      return {
        ok: true,
        release: async () => {
          await ctx.kv.delIfEquals(key, value).catch(() => {});
        },
      };
    }
    if (Date.now() >= until) {
      const raw = await ctx.kv.get(key);
      // The holder finished between the two calls: the alert is free again.
      if (!raw) continue;
      return { ok: false, holder: JSON.parse(raw) as Holder };
    }
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
  }
}
