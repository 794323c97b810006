// Page and cursor pagination with a GitHub-style Link header. Cursors are opaque to clients
// (base64 of an offset), which is enough for them to follow `rel="next"` as GitHub intends.
export interface Page<T> {
  items: T[];
  link: string | undefined;
}

const MAX_PER_PAGE = 100;

function encodeCursor(offset: number): string {
  return Buffer.from(`cursor:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^cursor:(\d+)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function withParams(url: URL, changes: Record<string, string | undefined>): string {
  const next = new URL(url.toString());
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) next.searchParams.delete(key);
    else next.searchParams.set(key, value);
  }
  return next.toString();
}

export class CursorError extends Error {}

export function paginate<T>(all: T[], url: URL, query: Record<string, unknown>): Page<T> {
  // GitHub caps per_page at 100 rather than failing; the double does the same (and flags it).
  const perPage = Math.min(Math.max(Number(query.per_page ?? 30) || 30, 1), MAX_PER_PAGE);
  const usesCursor = 'after' in query || 'before' in query;
  if (usesCursor) return cursorPage(all, url, query, perPage);
  const page = Math.max(Number(query.page ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(all.length / perPage), 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const rels: string[] = [];
  const at = (p: number) => withParams(url, { page: String(p), per_page: String(perPage) });
  if (page > 1) rels.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < last) rels.push(`<${at(page + 1)}>; rel="next"`);
  if (page < last) rels.push(`<${at(last)}>; rel="last"`);
  if (page > 1) rels.push(`<${at(1)}>; rel="first"`);
  return { items, link: rels.length > 0 ? rels.join(', ') : undefined };
}

function cursorPage<T>(
  all: T[],
  url: URL,
  query: Record<string, unknown>,
  perPage: number,
): Page<T> {
  const after = typeof query.after === 'string' ? query.after : undefined;
  const before = typeof query.before === 'string' ? query.before : undefined;
  let start = 0;
  if (after) {
    const offset = decodeCursor(after);
    if (offset === undefined) throw new CursorError(`invalid cursor "${after}"`);
    start = offset;
  } else if (before) {
    const offset = decodeCursor(before);
    if (offset === undefined) throw new CursorError(`invalid cursor "${before}"`);
    start = Math.max(offset - perPage, 0);
  }
  const items = all.slice(start, start + perPage);
  const rels: string[] = [];
  const end = start + items.length;
  if (start > 0) {
    rels.push(
      `<${withParams(url, { before: encodeCursor(start), after: undefined })}>; rel="prev"`,
    );
  }
  if (end < all.length) {
    rels.push(`<${withParams(url, { after: encodeCursor(end), before: undefined })}>; rel="next"`);
  }
  return { items, link: rels.length > 0 ? rels.join(', ') : undefined };
}
