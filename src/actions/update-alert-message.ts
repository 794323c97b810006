// Feedback in place: the message whose button was clicked is rebuilt with the alert's new
// buttons and one line saying what happened and who did it. Other alerts in the same
// message (a batched DM, a digest) are left exactly as they were.
//
// Two clicks on one message (two alerts of a batched DM, a second click before the first
// redraw lands) must not undo each other: each click carries the message as Slack showed it
// when clicked, so the second redraw, built from that, would bring back the first alert's old
// buttons. Redraws of one message therefore take turns under a short lock, and each starts
// from the latest known version: what Burndown drew last (the stash) unless the click is newer.
import type { AppContext } from '../app-context.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { alertActions } from '../slack/messages/alert-actions.ts';
import { withLock } from '../store/lock.ts';
import {
  type ActionOrigin,
  type StoredMessage,
  stashedMessage,
  stashMessage,
} from './action-origin.ts';

type Block = Record<string, unknown>;

// Slack allows 50 blocks in a message.
const MAX_BLOCKS = 50;

/** Slack's ids of direct-message conversations start with D. */
const isDirectMessage = (channelId: string) => channelId.startsWith('D');

export const resultBlockId = (key: string) => `alert-result:${key}`;

/** The per-alert suffix the block's buttons carry in a multi-alert message, if any. */
function idSuffixOf(block: Block | undefined): string | undefined {
  for (const e of (block?.elements as Block[] | undefined) ?? []) {
    const m = /^alert:[a-z_]+:([\w-]+)$/.exec(String(e.action_id ?? ''));
    if (m) return m[1];
  }
  return undefined;
}

// What Burndown adds under alerts, by how readily it goes when the message is full: lower
// first. Other alerts' autofix notes, then their panels, then their result lines; then this
// alert's note and panel. Alerts, their buttons and this alert's line are never dropped.
const SPARE: { prefix: string; others: number; own?: number }[] = [
  { prefix: 'autofix-note:', others: 0, own: 3 },
  { prefix: 'autofix-actions:', others: 1, own: 4 },
  { prefix: 'autofix:', others: 1, own: 4 },
  { prefix: 'alert-result:', others: 2 },
];
const LAST_RANK = 4;

/** How readily `block` goes (see SPARE), and the alert it belongs to; null: it stays. */
function spareOf(block: Block, key: string): { rank: number; of: string } | null {
  const id = String(block.block_id ?? '');
  for (const s of SPARE) {
    if (!id.startsWith(s.prefix)) continue;
    const of = id.slice(s.prefix.length);
    const rank = of === key ? s.own : s.others;
    return rank === undefined ? null : { rank, of };
  }
  return null;
}

/**
 * Keeps the message within Slack's block limit by dropping what Burndown added under alerts,
 * least useful first (see SPARE), a whole panel at a time, top of the message first (the
 * older lines, in a message read from the top). Cutting the end instead would take the
 * buttons of the last alerts away.
 */
export function fitBlocks(blocks: Block[], key: string): Block[] {
  let out = blocks;
  for (let rank = 0; rank <= LAST_RANK && out.length > MAX_BLOCKS; rank++) {
    while (out.length > MAX_BLOCKS) {
      const victim = out.map((b) => spareOf(b, key)).find((s) => s?.rank === rank);
      if (!victim) break;
      out = out.filter((b) => {
        const s = spareOf(b, key);
        return !(s && s.rank === rank && s.of === victim.of);
      });
    }
  }
  return out;
}

/**
 * The blocks with the alert's buttons refreshed, the result line set (or kept, without
 * `line`) and the `extra` blocks (the autofix panel) placed after it, replacing old copies.
 */
export function withResult(
  blocks: Block[],
  alert: AlertSnapshot,
  viewer: string | undefined,
  line: string | undefined,
  extra: Block[] = [],
): Block[] {
  const key = alertKey(alert);
  const owned = new Set<unknown>(extra.map((b) => b.block_id));
  if (line !== undefined) owned.add(resultBlockId(key));
  const out = blocks.filter((b) => !owned.has(b.block_id));
  const added: Block[] = [
    ...(line === undefined
      ? []
      : [
          {
            type: 'context',
            block_id: resultBlockId(key),
            elements: [{ type: 'mrkdwn', text: line }],
          },
        ]),
    ...extra,
  ];
  const at = out.findIndex((b) => b.block_id === `alert:${key}`);
  if (at < 0) return fitBlocks([...out, ...added], key);
  const idSuffix = idSuffixOf(out[at]);
  out[at] = alertActions(alert, viewer, idSuffix ? { idSuffix } : {}) as unknown as Block;
  const after = out[at + 1]?.block_id === resultBlockId(key) ? at + 2 : at + 1;
  out.splice(after, 0, ...added);
  return fitBlocks(out, key);
}

// Held from reading the latest version to stashing the redraw: one chat.update (with the
// client's retries) fits well inside; the lease is renewed while held anyway.
const LOCK_TTL_MS = 10_000;
// A click waits its turn rather than giving up (giving up would leave its alert's buttons
// stale). Past this, the holder is stuck on a slow Slack and the click goes ahead alone.
const LOCK_WAIT_MS = 8_000;
const LOCK_STEP_MS = 20;

async function underMessageLock<T>(
  ctx: AppContext,
  channel: string,
  ts: string,
  work: () => Promise<T>,
): Promise<T> {
  const until = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const turn = await withLock(ctx.kv, `actions:message:${channel}:${ts}`, LOCK_TTL_MS, work);
    if (turn.ran) return turn.value;
    if (Date.now() >= until) {
      ctx.logger.warn(
        { channel, ts, code: 'lock_not_acquired' },
        'message redraw waited too long for another; going ahead',
      );
      return work();
    }
    await new Promise((r) => setTimeout(r, LOCK_STEP_MS));
  }
}

/**
 * The latest of the message as clicked and as Burndown last drew it. The stash wins unless
 * the click came after it: then someone else (a redraw on news from GitHub) changed the
 * message since, and Slack's copy has that change.
 */
function latestOf(clicked: StoredMessage | null, stashed: StoredMessage | null) {
  if (!stashed) return clicked;
  if (!clicked) return stashed;
  const newer = clicked.at !== undefined && stashed.at !== undefined && clicked.at > stashed.at;
  return newer ? clicked : stashed;
}

/**
 * Keeps the clicked message for the modal it opened, unless what is kept is newer (a redraw
 * that landed after this click), so that the submit starts from the latest version.
 */
export async function rememberClickedMessage(
  ctx: AppContext,
  origin: ActionOrigin,
  clicked: StoredMessage | null,
): Promise<void> {
  if (!clicked || !origin.channelId || !origin.messageTs) return;
  await underMessageLock(ctx, origin.channelId, origin.messageTs, async () => {
    const stashed = await stashedMessage(ctx, origin);
    if (latestOf(clicked, stashed) === clicked) await stashMessage(ctx, origin, clicked);
  });
}

/**
 * Rewrites the clicked message. Returns false when there is no message to update (a click
 * from a modal without origin, or a message older than the stash), so the caller can say it
 * privately instead.
 */
export async function updateAlertMessage(
  ctx: AppContext,
  origin: ActionOrigin,
  clicked: StoredMessage | null,
  alert: AlertSnapshot,
  line: string | undefined,
  options: { viewer?: string; extra?: Block[] } = {},
): Promise<boolean> {
  const { channelId, messageTs } = origin;
  if (!channelId || !messageTs) return false;
  // A channel message (a digest's thread) is read by everyone, so its buttons cannot be
  // "Unassign me" for the one who clicked: they stay the same for all readers.
  const viewer = isDirectMessage(channelId) ? options.viewer : undefined;
  return underMessageLock(ctx, channelId, messageTs, async () => {
    const message = latestOf(clicked, await stashedMessage(ctx, origin));
    if (!message) return false;
    const blocks = withResult(message.blocks, alert, viewer, line, options.extra);
    const text = message.text || 'Security alert';
    try {
      await ctx.slack.chat.update({
        channel: channelId,
        ts: messageTs,
        text,
        blocks: blocks as never,
      });
    } catch (err) {
      ctx.logger.warn(
        { err, channel: channelId, code: 'slack_request_failed' },
        'could not update the alert message',
      );
      return false;
    }
    // The next click on this message (or a modal opened before this one) starts from here.
    await stashMessage(ctx, origin, { text, blocks, at: Date.now() }).catch((err) =>
      ctx.logger.warn({ err, code: 'store_unavailable' }, 'message redrawn; its copy not kept'),
    );
    return true;
  });
}
