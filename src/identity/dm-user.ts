// A private message to one person. Identity news (a code, a finished or failed sign-in, a
// revoked token) goes to the person alone, never to a channel.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';

export async function dmUser(
  ctx: AppContext,
  slackUserId: string,
  text: string,
  blocks?: KnownBlock[],
): Promise<boolean> {
  try {
    // Posting to a user id opens (or reuses) the direct message with them.
    await ctx.slack.chat.postMessage({
      channel: slackUserId,
      text,
      ...(blocks ? { blocks } : {}),
      unfurl_links: false,
    });
    return true;
  } catch (err) {
    ctx.logger.warn({ err, slackUser: slackUserId }, 'identity direct message failed');
    return false;
  }
}

/** A single mrkdwn section with `text` as its own fallback. */
export function section(text: string): KnownBlock[] {
  return [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }];
}
