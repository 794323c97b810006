// DMs that do not go through the notice queue (a campaign's intro, a due-date reminder)
// follow the same preferences as notices: `off` means no DMs at all, and `digest` means one
// daily DM, which such a message would add to. Quiet hours mean "not now", not "never": the
// DM is handed to Slack to post when the person's quiet hours end (chat.scheduleMessage), so
// nothing is lost and nothing pings them at night.
import type { AppContext } from '../app-context.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { deliveryTime } from './delivery-time.ts';
import { getPrefs, userTimeZone } from './preferences.ts';

export type ExtraDmSkip = 'notify_off' | 'digest_mode';

/** Why this person must not get an extra DM at all; undefined when they may. */
export async function extraDmSkip(ctx: AppContext, user: string): Promise<ExtraDmSkip | undefined> {
  const prefs = await getPrefs(ctx.kv, user);
  if (prefs.mode === 'off') return 'notify_off';
  if (prefs.mode === 'digest') return 'digest_mode';
  return undefined;
}

/** Posts the DM now, or schedules it for the end of the person's quiet hours. */
export async function sendExtraDm(
  ctx: AppContext,
  user: string,
  message: SlackMessage,
): Promise<'sent' | 'scheduled'> {
  const prefs = await getPrefs(ctx.kv, user);
  const now = ctx.now().getTime();
  const at = prefs.quiet ? deliveryTime(now, prefs, await userTimeZone(ctx, user)) : now;
  if (at === null || at <= now) {
    await ctx.slack.chat.postMessage({ channel: user, ...message });
    return 'sent';
  }
  // Slack schedules into a conversation, not to a user id, so the DM is opened first.
  const opened = await ctx.slack.conversations.open({ users: user });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('Slack opened no DM conversation');
  await ctx.slack.chat.scheduleMessage({
    channel,
    post_at: Math.ceil(at / 1000),
    ...message,
  });
  ctx.logger.info({ slackUser: user, postAt: new Date(at).toISOString() }, 'DM scheduled');
  return 'scheduled';
}
