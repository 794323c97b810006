// Private feedback to the person who clicked. An ephemeral message in the conversation is
// best; in a DM or App Home that can fail, so the response_url is tried next and a DM last.
// The answer must reach the person: a silent failure looks like the button did nothing.
import type { AppContext } from '../app-context.ts';
import type { ActionOrigin } from './action-origin.ts';

async function viaResponseUrl(url: string, text: string): Promise<boolean> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ response_type: 'ephemeral', replace_original: false, text }),
  });
  return res.ok;
}

export async function tellPrivately(
  ctx: AppContext,
  origin: ActionOrigin,
  text: string,
): Promise<void> {
  const log = ctx.logger.child({ slackUser: origin.userId });
  if (origin.channelId) {
    try {
      await ctx.slack.chat.postEphemeral({ channel: origin.channelId, user: origin.userId, text });
      return;
    } catch (err) {
      log.debug({ err, channel: origin.channelId }, 'ephemeral failed; trying response_url');
    }
  }
  if (origin.responseUrl) {
    try {
      if (await viaResponseUrl(origin.responseUrl, text)) return;
    } catch (err) {
      log.debug({ err }, 'response_url failed; sending a DM');
    }
  }
  await ctx.slack.chat.postMessage({ channel: origin.userId, text });
}
