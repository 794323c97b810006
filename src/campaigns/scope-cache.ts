// The last scope computed for an open modal, kept in the store (not in memory) so the
// submission, on whichever replica it lands, can reuse the preview the person saw.
import type { AppContext } from '../app-context.ts';
import { findScope, type ScopeResult } from './scope-query.ts';
import type { ScopeFilters } from './templates.ts';

const TTL_MS = 30 * 60_000;
// A submission reuses a preview this recent; older ones are counted again.
const FRESH_MS = 5 * 60_000;

interface Cached {
  filters: string;
  at: number;
  result: ScopeResult;
}

const keyOf = (id: string) => `campaign-scope:${id}`;

export async function scopeFor(
  ctx: AppContext,
  id: string,
  filters: ScopeFilters,
  options: { fresh?: boolean } = {},
): Promise<ScopeResult> {
  const wanted = JSON.stringify(filters);
  const raw = await ctx.kv.get(keyOf(id));
  const cached = raw ? (JSON.parse(raw) as Cached) : undefined;
  const now = ctx.now().getTime();
  if (!options.fresh && cached?.filters === wanted && now - cached.at < FRESH_MS) {
    return cached.result;
  }
  const result = await findScope(ctx, filters);
  const entry: Cached = { filters: wanted, at: now, result };
  await ctx.kv.set(keyOf(id), JSON.stringify(entry), { ttlMs: TTL_MS });
  return result;
}

export async function forgetScope(ctx: AppContext, id: string): Promise<void> {
  await ctx.kv.del(keyOf(id));
}
