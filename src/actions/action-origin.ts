// Where a click came from: who, and which message in which conversation. A modal loses that
// context, so it travels in the view's private_metadata, and the message's blocks are kept
// in the store for an hour so the message can still be rebuilt after the modal is submitted.
import type { AppContext } from '../app-context.ts';

export interface ActionOrigin {
  userId: string;
  channelId?: string;
  messageTs?: string;
  responseUrl?: string;
}

export interface StoredMessage {
  text: string;
  blocks: Record<string, unknown>[];
  /**
   * When it looked like this (ms since the epoch): the click's time for a message taken from
   * a click, the redraw's time for one Burndown drew. Whichever is later is the latest.
   */
  at?: number;
}

const STASH_TTL_MS = 3600_000;
const stashKey = (channel: string, ts: string) => `actions:message:${channel}:${ts}`;

interface ClickBody {
  user: { id: string };
  channel?: { id: string };
  container?: { channel_id?: string; message_ts?: string };
  message?: { ts: string; text?: string; blocks?: unknown[] };
  response_url?: string;
  actions?: { action_ts?: string }[];
}

export function originOf(body: unknown): ActionOrigin {
  const b = body as ClickBody;
  const channelId = b.container?.channel_id ?? b.channel?.id;
  const messageTs = b.message?.ts ?? b.container?.message_ts;
  return {
    userId: b.user.id,
    ...(channelId ? { channelId } : {}),
    ...(messageTs ? { messageTs } : {}),
    ...(b.response_url ? { responseUrl: b.response_url } : {}),
  };
}

/** The clicked message as Slack showed it, when the click came from a message. */
export function messageOf(body: unknown): StoredMessage | null {
  const b = body as ClickBody;
  const m = b.message;
  if (!m || !Array.isArray(m.blocks)) return null;
  // Slack's "seconds.micros" of the click: the message was as shown at that moment.
  const clickedAt = Number(b.actions?.[0]?.action_ts) * 1000;
  return {
    text: m.text ?? '',
    blocks: m.blocks as Record<string, unknown>[],
    ...(Number.isFinite(clickedAt) && clickedAt > 0 ? { at: clickedAt } : {}),
  };
}

export async function stashMessage(ctx: AppContext, o: ActionOrigin, m: StoredMessage) {
  if (!o.channelId || !o.messageTs) return;
  const key = stashKey(o.channelId, o.messageTs);
  await ctx.kv.set(key, JSON.stringify(m), { ttlMs: STASH_TTL_MS });
}

export async function stashedMessage(
  ctx: AppContext,
  o: ActionOrigin,
): Promise<StoredMessage | null> {
  if (!o.channelId || !o.messageTs) return null;
  const raw = await ctx.kv.get(stashKey(o.channelId, o.messageTs));
  return raw ? (JSON.parse(raw) as StoredMessage) : null;
}

/** Compact form for private_metadata (≤ 3000 characters). */
export function packOrigin(o: ActionOrigin): Record<string, string> {
  return {
    u: o.userId,
    ...(o.channelId ? { c: o.channelId } : {}),
    ...(o.messageTs ? { t: o.messageTs } : {}),
    ...(o.responseUrl ? { ru: o.responseUrl } : {}),
  };
}

export function unpackOrigin(p: Record<string, string | undefined>, userId: string): ActionOrigin {
  // The submitter is whoever Slack says submitted the view, never what the metadata claims.
  return {
    userId,
    ...(p.c ? { channelId: p.c } : {}),
    ...(p.t ? { messageTs: p.t } : {}),
    ...(p.ru ? { responseUrl: p.ru } : {}),
  };
}
