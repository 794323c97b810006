// Feedback in place: the message whose button was clicked is rebuilt with the alert's new
// buttons and one line saying what happened and who did it. Other alerts in the same
// message (a batched DM, a digest) are left exactly as they were.
import type { AppContext } from '../app-context.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { alertActions } from '../slack/messages/alert-actions.ts';
import {
  type ActionOrigin,
  type StoredMessage,
  stashedMessage,
  stashMessage,
} from './action-origin.ts';

type Block = Record<string, unknown>;

// Slack allows 50 blocks in a message.
const MAX_BLOCKS = 50;

export const resultBlockId = (key: string) => `alert-result:${key}`;

/** The per-alert suffix the block's buttons carry in a multi-alert message, if any. */
function idSuffixOf(block: Block | undefined): string | undefined {
  for (const e of (block?.elements as Block[] | undefined) ?? []) {
    const m = /^alert:[a-z_]+:([\w-]+)$/.exec(String(e.action_id ?? ''));
    if (m) return m[1];
  }
  return undefined;
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
  if (at < 0) return [...out, ...added].slice(0, MAX_BLOCKS);
  const idSuffix = idSuffixOf(out[at]);
  out[at] = alertActions(alert, viewer, idSuffix ? { idSuffix } : {}) as unknown as Block;
  const after = out[at + 1]?.block_id === resultBlockId(key) ? at + 2 : at + 1;
  out.splice(after, 0, ...added);
  return out.slice(0, MAX_BLOCKS);
}

/**
 * Rewrites the clicked message. Returns false when there is no message to update (a click
 * from a modal without origin, or a message older than the stash), so the caller can say it
 * privately instead.
 */
export async function updateAlertMessage(
  ctx: AppContext,
  origin: ActionOrigin,
  current: StoredMessage | null,
  alert: AlertSnapshot,
  line: string | undefined,
  options: { viewer?: string; extra?: Block[] } = {},
): Promise<boolean> {
  const message = current ?? (await stashedMessage(ctx, origin));
  if (!message || !origin.channelId || !origin.messageTs) return false;
  const blocks = withResult(message.blocks, alert, options.viewer, line, options.extra);
  const text = message.text || 'Security alert';
  try {
    await ctx.slack.chat.update({
      channel: origin.channelId,
      ts: origin.messageTs,
      text,
      blocks: blocks as never,
    });
  } catch (err) {
    ctx.logger.warn({ err, channel: origin.channelId }, 'could not update the alert message');
    return false;
  }
  // A later click (or a modal opened before this one) must start from what is shown now.
  await stashMessage(ctx, origin, { text, blocks });
  return true;
}
