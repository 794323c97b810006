// Failure injection: tests queue a failure (or a delay) for requests matching a pattern.
import { STATUS_CODES } from 'node:http';
import { DOCS } from './errors.ts';
import type { Json } from './state.ts';

export interface MatchInfo {
  method: string;
  path: string;
  operationId: string | undefined;
}

// "PATCH /repos/o/r/code-scanning/alerts/1" matches method and path; any other string is an
// operationId such as "code-scanning/update-alert".
export type RequestMatch =
  | string
  | { method?: string; path?: string | RegExp; operationId?: string }
  | ((info: MatchInfo) => boolean);

export interface FailureSpec {
  status?: number;
  kind?: 'secondary-rate-limit' | 'primary-rate-limit';
  message?: string;
  // Seconds, sent as retry-after.
  retryAfter?: number;
  // Seconds until x-ratelimit-reset, for a primary rate limit.
  resetInSeconds?: number;
  delayMs?: number;
  times?: number;
  body?: Json;
  headers?: Record<string, string>;
}

interface Pending {
  match: RequestMatch;
  spec: FailureSpec;
  left: number;
}

function matches(match: RequestMatch, info: MatchInfo): boolean {
  if (typeof match === 'function') return match(info);
  if (typeof match === 'string') {
    const m = /^([A-Z]+)\s+(\S+)$/.exec(match);
    if (m) return m[1] === info.method && m[2] === info.path;
    return match === info.operationId;
  }
  if (match.method && match.method.toUpperCase() !== info.method) return false;
  if (match.operationId && match.operationId !== info.operationId) return false;
  if (match.path instanceof RegExp) return match.path.test(info.path);
  if (match.path && match.path !== info.path) return false;
  return true;
}

export class Failures {
  private pending: Pending[] = [];

  add(match: RequestMatch, spec: FailureSpec): void {
    this.pending.push({ match, spec, left: spec.times ?? 1 });
  }

  take(info: MatchInfo): FailureSpec | undefined {
    const found = this.pending.find((p) => matches(p.match, info));
    if (!found) return undefined;
    found.left--;
    if (found.left <= 0) this.pending.splice(this.pending.indexOf(found), 1);
    return found.spec;
  }

  clear(): void {
    this.pending = [];
  }
}

export interface FailureReply {
  status: number;
  body: Json;
  headers: Record<string, string>;
  primary: boolean;
}

const SECONDARY =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

// Only specs with a status (or a rate-limit kind) fail; a bare delayMs just slows the reply.
export function failureReply(
  spec: FailureSpec,
  nowMs: number,
  login?: string,
): FailureReply | undefined {
  if (!spec.status && !spec.kind) return undefined;
  const headers: Record<string, string> = { ...spec.headers };
  let status = spec.status ?? 403;
  let message = spec.message ?? STATUS_CODES[status] ?? 'Error';
  let primary = false;
  if (spec.kind === 'primary-rate-limit') {
    primary = true;
    headers['x-ratelimit-remaining'] = '0';
    headers['x-ratelimit-reset'] = String(Math.floor(nowMs / 1000) + (spec.resetInSeconds ?? 60));
    message = spec.message ?? `API rate limit exceeded for ${login ?? 'this client'}.`;
  } else if (spec.kind === 'secondary-rate-limit' || status === 429) {
    status = spec.status ?? 403;
    headers['retry-after'] = String(spec.retryAfter ?? 60);
    message = spec.message ?? SECONDARY;
  } else if (spec.retryAfter !== undefined) {
    headers['retry-after'] = String(spec.retryAfter);
  }
  if (status === 422 && !spec.message) message = 'Validation Failed';
  const body = spec.body ?? { message, documentation_url: DOCS, status: String(status) };
  return { status, body, headers, primary };
}
