// Modals from alert buttons open at once. Slack's trigger_id lasts three seconds, and what a
// modal needs (signing the person in, which may refresh a token, then reading the alert on
// GitHub) can take longer: so a modal saying it is loading opens first, and is then replaced
// by the form, or by what stands in the way (not signed in, alert closed, GitHub refusing).
// If the modal cannot open at all, the person hears so privately: a button must never seem
// to do nothing.
import type { ModalView } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import { slackErrorCode } from '../campaigns/slack-error.ts';
import { plain } from '../slack/mrkdwn.ts';
import type { ActionOrigin } from './action-origin.ts';
import { codeOf } from './failure-code.ts';
import { tellPrivately } from './tell-privately.ts';

/** The callback ids of the placeholder and of a modal that only tells something. */
export const LOADING_VIEW = 'alert:loading_modal';
export const NOTICE_VIEW = 'alert:notice_modal';

function textModal(callbackId: string, title: string, text: string, close: string): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    // Slack allows 24 characters in a modal's title.
    title: { type: 'plain_text', text: plain(title, 24) },
    close: { type: 'plain_text', text: close },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

export function loadingModal(title: string): ModalView {
  return textModal(LOADING_VIEW, title, ':hourglass_flowing_sand: Looking it up…', 'Cancel');
}

/** An open modal, to be filled in with `show` or `tell`. */
export interface OpenModal {
  /** Replaces the loading modal with `view`; false when Slack refused (the person closed it). */
  show(view: ModalView): Promise<boolean>;
  /** Says `text` in the modal instead of a form; privately if the modal is gone. */
  tell(text: string): Promise<void>;
  /** Runs what fills the modal; a failure is logged and said in the modal, never left loading. */
  fill(work: () => Promise<void>): Promise<void>;
}

/**
 * Opens the loading modal for `triggerId`. Returns null when Slack refused (the trigger
 * expired, most often); the person has then been told privately.
 */
export async function openModalAtOnce(
  ctx: AppContext,
  origin: ActionOrigin,
  triggerId: string,
  title: string,
): Promise<OpenModal | null> {
  const log = ctx.logger.child({ slackUser: origin.userId });
  let viewId: string | undefined;
  try {
    const res = await ctx.slack.views.open({ trigger_id: triggerId, view: loadingModal(title) });
    viewId = res.view?.id;
  } catch (err) {
    const slackError = slackErrorCode(err);
    log.warn({ err, code: codeOf(err), slackError }, 'modal not opened');
    const why =
      slackError === 'expired_trigger_id'
        ? 'Slack gave up waiting for it'
        : `Slack refused to open it (${slackError ?? codeOf(err)})`;
    await tellPrivately(
      ctx,
      origin,
      `:warning: The “${title}” form did not open: ${why}. Click the button again.`,
    ).catch((tellErr) =>
      log.error({ err: tellErr, code: codeOf(tellErr) }, 'could not say the modal did not open'),
    );
    return null;
  }
  const show = async (view: ModalView) => {
    try {
      if (!viewId) throw new Error('views.open answered without a view id');
      await ctx.slack.views.update({ view_id: viewId, view });
      return true;
    } catch (err) {
      log.warn({ err, code: codeOf(err), slackError: slackErrorCode(err) }, 'modal not updated');
      return false;
    }
  };
  const tell = async (text: string) => {
    if (await show(textModal(NOTICE_VIEW, title, text, 'Close'))) return;
    await tellPrivately(ctx, origin, text);
  };
  return {
    show,
    tell,
    async fill(work) {
      try {
        await work();
      } catch (err) {
        const code = codeOf(err);
        log.error({ err, code }, 'modal not filled');
        await tell(`:warning: Burndown ran into a problem (${code}). Try again in a moment.`);
      }
    },
  };
}
