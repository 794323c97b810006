// Listeners for the modals opened from alert buttons. Input is checked before the ack so a
// bad field keeps the modal open with its message; the GitHub work happens after the ack.

import type {
  AllMiddlewareArgs,
  App,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { AppContext } from '../app-context.ts';
import { linkThemHint } from '../identity/link-hint.ts';
import { parseAlertActionValue } from '../slack/messages/alert-actions.ts';
import { plainErrors } from '../slack/mrkdwn.ts';
import { unpackOrigin } from './action-origin.ts';
import type { Target } from './alert-api.ts';
import { assignWork } from './assign-alert.ts';
import { ASSIGN_VIEW, ASSIGNEE_BLOCK } from './assign-to-modal.ts';
import { dismissWork } from './dismiss-alert.ts';
import { DISMISS_VIEW, REASON_BLOCK, readDismissInput } from './dismiss-modal.ts';
import { codeOf } from './failure-code.ts';
import { runAlertAction } from './run-alert-action.ts';
import { recordRefusedInput } from './signed-in.ts';
import { tellPrivately } from './tell-privately.ts';

type Values = Record<string, Record<string, Record<string, unknown>>>;

export function readMeta(raw: string): { meta: Record<string, string>; target: Target | null } {
  try {
    const meta = JSON.parse(raw) as Record<string, string>;
    return { meta, target: parseAlertActionValue(meta.v) as Target | null };
  } catch {
    return { meta: {}, target: null };
  }
}

type SubmitArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/**
 * Listens to a modal's submit so that no failure reaches Bolt unseen (the person would hear
 * nothing). Before the ack, the modal stays open with the problem under `field`, the input
 * kept; after it, the person is told privately. Either way it is logged with its code.
 */
export function onSubmit(
  app: App,
  ctx: AppContext,
  callbackId: string,
  field: string,
  handler: (args: SubmitArgs) => Promise<void>,
): void {
  app.view<ViewSubmitAction>(callbackId, async (args) => {
    let acked: 'no' | 'closed' | 'kept open' = 'no';
    const ack: SubmitArgs['ack'] = async (response) => {
      acked = response?.response_action === 'errors' ? 'kept open' : 'closed';
      await args.ack(response);
    };
    try {
      await handler({ ...args, ack });
    } catch (err) {
      const code = codeOf(err);
      const log = ctx.logger.child({ view: callbackId, slackUser: args.body.user.id });
      log.error({ err, code }, 'modal submission failed');
      try {
        if (acked === 'no') {
          const text = `Burndown could not take this just now (${code}). Try again.`;
          await args.ack({ response_action: 'errors', errors: plainErrors({ [field]: text }) });
          return;
        }
        // Kept open, the modal already says what to fix; there is nothing more to tell.
        if (acked === 'kept open') return;
        const origin = unpackOrigin(readMeta(args.view.private_metadata).meta, args.body.user.id);
        const text =
          `:warning: Burndown ran into a problem (${code}) with what you submitted. ` +
          'Look at the alert on GitHub before trying again.';
        await tellPrivately(ctx, origin, text);
      } catch (tellErr) {
        log.error({ err: tellErr, code: codeOf(tellErr) }, 'could not say the submit failed');
      }
    }
  });
}

export function registerAlertViews(app: App, ctx: AppContext): void {
  onSubmit(app, ctx, DISMISS_VIEW, REASON_BLOCK, async ({ ack, body, view }) => {
    const { meta, target } = readMeta(view.private_metadata);
    if (!target) {
      await ack();
      return;
    }
    const origin = unpackOrigin(meta, body.user.id);
    const checked = readDismissInput(target.kind, view.state.values as never);
    if (!checked.ok) {
      await ack({ response_action: 'errors', errors: plainErrors(checked.errors) });
      const detail = Object.values(checked.errors).join(' ');
      await recordRefusedInput(ctx, origin, target, 'dismiss', detail);
      return;
    }
    await ack();
    const { reason, comment } = checked.input;
    await runAlertAction(
      ctx,
      {
        origin,
        target,
        action: 'dismiss',
        doing: target.kind === 'code' ? 'dismiss the alert' : 'resolve the alert',
        message: null,
        reason: reason.github,
        ...(comment ? { comment } : {}),
      },
      dismissWork(ctx, target, checked.input),
    );
  });

  onSubmit(app, ctx, ASSIGN_VIEW, ASSIGNEE_BLOCK, async ({ ack, body, view }) => {
    const { meta, target } = readMeta(view.private_metadata);
    if (!target) {
      await ack();
      return;
    }
    const origin = unpackOrigin(meta, body.user.id);
    const values = view.state.values as unknown as Values;
    const picked = values[ASSIGNEE_BLOCK]?.[ASSIGNEE_BLOCK]?.selected_user as string | undefined;
    const link = picked ? await ctx.repos.identities.bySlackUser(picked) : null;
    if (!link) {
      const error = picked
        ? 'Burndown does not know this person’s GitHub account. Pick someone else, or ' +
          `${linkThemHint(ctx)}.`
        : 'Pick a person.';
      await ack({ response_action: 'errors', errors: plainErrors({ [ASSIGNEE_BLOCK]: error }) });
      await recordRefusedInput(ctx, origin, target, 'assign', error);
      return;
    }
    await ack();
    await runAlertAction(
      ctx,
      {
        origin,
        target,
        action: 'assign',
        doing: `assign the alert to ${link.githubLogin}`,
        message: null,
        waitForOthers: true,
      },
      assignWork(ctx, target, () => ({ add: link.githubLogin })),
    );
  });
}
