// Listeners for dismissal-request reviews (Approve / Deny, then a message) and for the
// autofix buttons.

import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.ts';
import { ALERT_ACTIONS } from '../slack/messages/alert-actions.ts';
import { plainErrors } from '../slack/mrkdwn.ts';
import { messageOf, originOf, unpackOrigin } from './action-origin.ts';
import { commitWork, generateWork, showAutofix } from './autofix-actions.ts';
import { AUTOFIX_ACTIONS, COPILOT_WHY } from './autofix-panel.ts';
import { REVIEW_ACTIONS, type ReviewValue } from './dismissal-requests.ts';
import { codeOf } from './failure-code.ts';
import { openModalAtOnce } from './open-modal.ts';
import { onAlertButton } from './register-alert-buttons.ts';
import { onSubmit, readMeta } from './register-alert-views.ts';
import { type Decision, REVIEW_MESSAGE_MAX, reviewWork } from './review-dismissal.ts';
import { MESSAGE_BLOCK, REVIEW_VIEW, reviewModal } from './review-modal.ts';
import { runAlertAction } from './run-alert-action.ts';
import { recordRefusedInput, signedInOrHint } from './signed-in.ts';
import { tellPrivately } from './tell-privately.ts';
import { rememberClickedMessage } from './update-alert-message.ts';

function registerReview(app: App, ctx: AppContext): void {
  for (const decision of ['approve', 'deny'] as const) {
    onAlertButton(app, ctx, REVIEW_ACTIONS[decision], async ({ body, target, triggerId }) => {
      const origin = originOf(body);
      // Open first: signing the person in may refresh a token, and the trigger lasts 3 s.
      const title = decision === 'approve' ? 'Approve dismissal' : 'Deny dismissal';
      const opened = await openModalAtOnce(ctx, origin, triggerId, title);
      if (!opened) return;
      await opened.fill(async () => {
        const signedIn = await signedInOrHint(ctx, origin, target, 'dismissal_review', opened.tell);
        if (!signedIn) return;
        await rememberClickedMessage(ctx, origin, messageOf(body)).catch((err) =>
          ctx.logger.warn({ err, code: codeOf(err) }, 'clicked message not kept for the modal'),
        );
        const value = (body as { actions: { value?: string }[] }).actions[0]?.value ?? '';
        await opened.show(reviewModal(decision, value, origin));
      });
    });
  }

  onSubmit(app, ctx, REVIEW_VIEW, MESSAGE_BLOCK, async ({ ack, body, view }) => {
    const { meta, target } = readMeta(view.private_metadata);
    if (!target) {
      await ack();
      return;
    }
    const origin = unpackOrigin(meta, body.user.id);
    const decision: Decision = meta.d === 'approve' ? 'approve' : 'deny';
    const values = view.state.values as Record<string, Record<string, { value?: string | null }>>;
    const text = (values[MESSAGE_BLOCK]?.[MESSAGE_BLOCK]?.value ?? '').trim();
    const error = !text
      ? 'GitHub needs a message for the person who asked.'
      : text.length > REVIEW_MESSAGE_MAX
        ? `GitHub accepts at most ${REVIEW_MESSAGE_MAX} characters.`
        : undefined;
    if (error) {
      await ack({ response_action: 'errors', errors: plainErrors({ [MESSAGE_BLOCK]: error }) });
      await recordRefusedInput(ctx, origin, target, 'dismissal_review', error, {
        reason: decision,
      });
      return;
    }
    await ack();
    const shown = JSON.parse(meta.v ?? '{}') as ReviewValue;
    await runAlertAction(
      ctx,
      {
        origin,
        target,
        action: 'dismissal_review',
        doing: `${decision} the dismissal request`,
        message: null,
        reason: decision,
        comment: text,
      },
      reviewWork(ctx, target, decision, text, shown.q ?? '', shown.i),
    );
  });
}

function registerAutofix(app: App, ctx: AppContext): void {
  for (const id of [ALERT_ACTIONS.autofix, AUTOFIX_ACTIONS.refresh]) {
    onAlertButton(app, ctx, id, ({ body, target }) =>
      showAutofix(ctx, originOf(body), messageOf(body), target),
    );
  }
  onAlertButton(app, ctx, AUTOFIX_ACTIONS.generate, async ({ body, target }) => {
    const origin = originOf(body);
    await runAlertAction(
      ctx,
      {
        origin,
        target,
        action: 'autofix_generate',
        doing: 'generate a fix',
        message: messageOf(body),
      },
      generateWork(ctx, target),
    );
  });
  onAlertButton(app, ctx, AUTOFIX_ACTIONS.commit, async ({ body, target }) => {
    const origin = originOf(body);
    if (!ctx.config.AUTOFIX_COMMITS_ENABLED) {
      const why = 'Committing fixes from Slack is turned off here; commit it on GitHub.';
      await tellPrivately(ctx, origin, why);
      await recordRefusedInput(ctx, origin, target, 'autofix_commit', why);
      return;
    }
    await runAlertAction(
      ctx,
      {
        origin,
        target,
        action: 'autofix_commit',
        doing: 'commit the fix',
        message: messageOf(body),
      },
      commitWork(ctx, target),
    );
  });
  // A link button: the browser opens the alert; Slack still sends the click, so say why.
  onAlertButton(app, ctx, AUTOFIX_ACTIONS.copilot, async ({ body }) => {
    await tellPrivately(ctx, originOf(body), COPILOT_WHY);
  });
}

export function registerReviewAndAutofix(app: App, ctx: AppContext): void {
  registerReview(app, ctx);
  registerAutofix(app, ctx);
}
