// What every fake Web API method receives, and the small helpers they share to read
// arguments (form fields arrive as strings, JSON bodies as values) and to answer.

import { slackMessages } from './block-kit-findings.ts';
import { type Problem, rejectionCode } from './block-kit-limits.ts';
import type { Channel, Workspace } from './workspace.ts';

export type Args = Record<string, unknown>;
export type Reply = { ok: boolean } & Record<string, unknown>;

export interface Violation {
  method: string;
  code: string;
  path: string;
  message: string;
  /** True when Slack itself would refuse it; false for our stricter house rules. */
  rejected: boolean;
  time: number;
}

export interface MethodContext {
  ws: Workspace;
  method: string;
  args: Args;
  scopes: readonly string[];
  /** Base of the double, e.g. http://127.0.0.1:1234/ (upload URLs hang off it). */
  origin: string;
  now(): number;
  nextTs(): string;
  report(problems: readonly Problem[]): void;
}

export type Handler = (ctx: MethodContext) => Reply;

export interface MethodSpec {
  /** Every one of these scopes is needed; none means the method needs no scope. */
  scopes?: readonly string[] | ((ctx: MethodContext) => readonly string[]);
  handle: Handler;
}

export function ok(extra: Record<string, unknown> = {}): Reply {
  return { ok: true, ...extra };
}

export function fail(error: string, extra: Record<string, unknown> = {}): Reply {
  return { ok: false, error, ...extra };
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && 'ok' in value && 'error' in value;
}

export function str(args: Args, key: string): string | undefined {
  const v = args[key];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

export function bool(args: Args, key: string): boolean {
  const v = args[key];
  return v === true || v === 'true' || v === '1' || v === 1;
}

export function num(args: Args, key: string): number | undefined {
  const v = args[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function csv(args: Args, key: string): string[] {
  const v = args[key];
  const list = Array.isArray(v) ? v.map(String) : (str(args, key) ?? '').split(',');
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Runs Block Kit problems through the context: every problem is recorded, and the reply
 * Slack would give comes back when it would refuse the payload.
 */
export function guard(ctx: MethodContext, problems: readonly Problem[]): Reply | undefined {
  ctx.report(problems);
  const code = rejectionCode(problems);
  if (code === undefined) return undefined;
  const errors = problems.filter((p) => p.severity === 'error');
  return fail(code, { response_metadata: { messages: slackMessages(errors) } });
}

/** A conversation the bot can see: public ones, and private ones it belongs to. */
export function visibleChannel(ctx: MethodContext, id: string | undefined): Channel | Reply {
  const channel = id === undefined ? undefined : ctx.ws.channels.get(id);
  if (!channel) return fail('channel_not_found');
  if (channel.is_private && !channel.members.has(ctx.ws.bot.user_id)) {
    return fail('channel_not_found');
  }
  return channel;
}

/** Same, and the bot must be a member (setTopic, invite, pins ...). */
export function joinedChannel(ctx: MethodContext, id: string | undefined): Channel | Reply {
  const channel = visibleChannel(ctx, id);
  if (isReply(channel)) return channel;
  if (!channel.members.has(ctx.ws.bot.user_id)) return fail('not_in_channel');
  return channel;
}

/** The scope that covers a conversation of this kind, for managing methods. */
export function manageScopes(ctx: MethodContext): readonly string[] {
  const id = str(ctx.args, 'channel') ?? str(ctx.args, 'channel_id');
  const channel = id === undefined ? undefined : ctx.ws.channels.get(id);
  return channel?.is_private ? ['groups:write'] : ['channels:manage'];
}

export function readScopes(ctx: MethodContext): readonly string[] {
  const id = str(ctx.args, 'channel');
  const channel = id === undefined ? undefined : ctx.ws.channels.get(id);
  if (channel?.is_im) return ['im:read'];
  return channel?.is_private ? ['groups:read'] : ['channels:read'];
}

/** Offset-based cursors: good enough to make the SDK's paginate() walk every page. */
export function page<T>(args: Args, items: T[]): { items: T[]; next_cursor: string } {
  const limit = Math.max(1, Math.min(num(args, 'limit') ?? 100, 1000));
  const cursor = str(args, 'cursor');
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString().split(':')[1]) : 0;
  const end = start + limit;
  const next = end < items.length ? Buffer.from(`offset:${end}`).toString('base64') : '';
  return { items: items.slice(start, end), next_cursor: next };
}
