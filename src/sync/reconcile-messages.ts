// Keeps Slack in step with GitHub: when an alert changes, every message Burndown sent about
// it is redrawn in place from the same notices, with the alert's new state and without
// buttons that no longer apply. Edits need the conversation id (D…/C…) and the ts.
//
// Redraws are best effort, one message at a time: a message Slack will not let us edit is
// logged and skipped, never allowed to hold back the other messages, the alert's new state
// or the rest of a poll.
import type { AppContext } from '../app-context.ts';
import { slackErrorCode } from '../campaigns/slack-error.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { renderNotices } from '../notify/compose-message.ts';
import { renderLookups, withLatestAlerts } from '../notify/render-context.ts';
import { NOTIFY_MESSAGE_KIND, sentMessage } from '../notify/sent-messages.ts';
import type { MessageRef } from '../store/message-refs.ts';
import { failureCode } from './failure-code.ts';

const GONE = new Set([
  'message_not_found',
  'channel_not_found',
  'is_archived',
  'cant_update_message',
]);

/**
 * Redraws the messages about `alert` (its state as given), all but `except`; returns how many
 * were edited.
 */
export async function reconcileMessages(
  ctx: AppContext,
  alert: AlertSnapshot,
  except?: { channel: string; ts: string },
): Promise<number> {
  const all = await ctx.repos.messages.forAlert(alert);
  const refs = all.filter((r) => !(except && r.channel === except.channel && r.ts === except.ts));
  const name = `${alert.repo}#${alert.number}`;
  let edited = 0;
  for (const ref of refs) {
    if (ref.kind !== NOTIFY_MESSAGE_KIND) continue;
    try {
      if (await redraw(ctx, alert, ref)) edited++;
    } catch (err) {
      const slackError = slackErrorCode(err);
      if (slackError && GONE.has(slackError)) {
        ctx.logger.info({ channel: ref.channel, slackError }, 'message gone; forgotten');
        // Forgetting only saves a later attempt; failing to forget must not stop the loop.
        await ctx.repos.messages
          .forget(alert, ref)
          .catch((e: unknown) =>
            ctx.logger.warn({ err: e, code: failureCode(e) }, 'gone message not forgotten'),
          );
        continue;
      }
      ctx.logger.warn(
        { err, alert: name, channel: ref.channel, ts: ref.ts, slackError, code: failureCode(err) },
        'message not redrawn; left as it was',
      );
    }
  }
  if (edited) ctx.logger.info({ edited, alert: name }, 'messages redrawn');
  return edited;
}

async function redraw(ctx: AppContext, alert: AlertSnapshot, ref: MessageRef): Promise<boolean> {
  const sent = await sentMessage(ctx, ref.channel, ref.ts);
  if (!sent) {
    await ctx.repos.messages.forget(alert, ref);
    return false;
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
  await ctx.slack.chat.update({ channel: ref.channel, ts: ref.ts, ...message });
  return true;
}
