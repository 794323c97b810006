// GETs that cost nothing when nothing changed: the ETag of the last answer we fully handled
// is kept per URL and sent as If-None-Match; GitHub answers 304 without charging the rate
// limit. The ETag is saved only once the caller has handled the page (`commit`), so a crash
// half-way means the page is read again, not skipped.
import type { AppContext } from '../app-context.ts';

export type Fetched<T> =
  | { changed: false; commit(): Promise<void> }
  | { changed: true; data: T; hasNext: boolean; commit(): Promise<void> };

function etagKey(route: string, params: Record<string, unknown>): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${k}=${String(params[k])}`)
    .join('&');
  return `etag:${route}?${query}`;
}

export async function conditionalGet<T>(
  ctx: AppContext,
  route: string,
  params: Record<string, unknown>,
): Promise<Fetched<T>> {
  const key = etagKey(route, params);
  const etag = await ctx.kv.get(key);
  try {
    const res = await ctx.github.request(route, {
      ...params,
      headers: etag ? { 'if-none-match': etag } : {},
    });
    const next = res.headers.etag;
    const link = String(res.headers.link ?? '');
    return {
      changed: true,
      data: res.data as T,
      hasNext: /rel="next"/.test(link),
      commit: async () => {
        if (next) await ctx.kv.set(key, next);
      },
    };
  } catch (err) {
    if ((err as { status?: number }).status === 304) {
      return { changed: false, commit: async () => {} };
    }
    throw err;
  }
}

/** Forgets the ETag of a URL, so the next read fetches it in full. */
export async function forgetEtag(
  ctx: AppContext,
  route: string,
  params: Record<string, unknown>,
): Promise<void> {
  await ctx.kv.del(etagKey(route, params));
}
