// The contract between the server pipeline and the per-area handlers.
import type { ClientCredentials, Identity } from './auth.ts';
import type { DoubleState } from './state.ts';

// Inputs have passed the operation's schema before a handler sees them, so handlers read
// them directly instead of re-checking every field.
// biome-ignore lint/suspicious/noExplicitAny: the shape is guaranteed by the schema check
export type Checked = any;

export interface Ctx {
  state: DoubleState;
  identity: Identity | undefined;
  // Basic credentials, which only the /applications/{client_id} endpoints accept.
  basic: ClientCredentials | undefined;
  path: Record<string, Checked>;
  query: Record<string, Checked>;
  body: Checked;
  // The double's clock in epoch ms (tests may move it forward).
  now: number;
}

export interface Reply {
  status: number;
  body?: unknown;
  // A full list: the server pages it and writes the Link header.
  items?: unknown[];
  headers?: Record<string, string>;
}

export type Handler = (ctx: Ctx) => Reply;
export type HandlerTable = Record<string, Handler>;

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function sortBy<T>(items: T[], key: (item: T) => string, direction: unknown): T[] {
  const sorted = [...items].sort((a, b) => key(a).localeCompare(key(b)));
  return direction === 'asc' ? sorted : sorted.reverse();
}
