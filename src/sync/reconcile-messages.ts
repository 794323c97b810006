// Keeps Slack in step with GitHub: when an alert changes, every message Burndown sent about
// it is redrawn in place from the same notices, with the alert's new state and without
// buttons that no longer apply. Edits need the conversation id (D…/C…) and the ts.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { renderNotices } from '../notify/compose-message.ts';
import { renderLookups, withLatestAlerts } from '../notify/render-context.ts';
import { NOTIFY_MESSAGE_KIND, sentMessage } from '../notify/sent-messages.ts';

const GONE = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'cant_update_message',
]);

/** Redraws the messages about `alert` (its state as given); returns how many were edited. */
export async function reconcileMessages(ctx: AppContext, alert: AlertSnapshot): Promise<number> {
  const refs = await ctx.repos.messages.forAlert(alert);
  let edited = 0;
  for (const ref of refs) {
    if (ref.kind !== NOTIFY_MESSAGE_KIND) continue;
    const sent = await sentMessage(ctx, ref.channel, ref.ts);
    if (!sent) {
      await ctx.repos.messages.forget(alert, ref);
      continue;
    }
    const notices = await withLatestAlerts(ctx, sent.notices, alert);
    const lookups = await renderLookups(ctx, notices);
    const message = renderNotices(notices, {
      now: ctx.now(),
      direct: sent.direct,
      viewer: sent.viewer,
      buttons: sent.buttons,
      continued: sent.continued,
      ...lookups,
    });
    try {
      await ctx.slack.chat.update({ channel: ref.channel, ts: ref.ts, ...message });
      edited++;
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      if (code && GONE.has(code)) {
        ctx.logger.info({ channel: ref.channel, slackError: code }, 'message gone; forgotten');
        await ctx.repos.messages.forget(alert, ref);
        continue;
      }
      throw err;
    }
  }
  if (edited)
    ctx.logger.info({ edited, alert: `${alert.repo}#${alert.number}` }, 'messages redrawn');
  return edited;
}
