// Listeners for the buttons under an alert. Each acknowledges at once (Slack waits three
// seconds), then acts for the person who clicked through runAlertAction.
import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.ts';
import type { AuditResult } from '../audit/audit-log.ts';
import { recordAction, resultOfError } from '../audit/record-action.ts';
import { explainGitHubError } from '../github/explain-error.ts';
import {
  ALERT_ACTIONS,
  alertActionPattern,
  parseAlertActionValue,
} from '../slack/messages/alert-actions.ts';
import { messageOf, originOf } from './action-origin.ts';
import { readAlert, type Target } from './alert-api.ts';
import { closedText } from './alert-words.ts';
import { assignWork } from './assign-alert.ts';
import { assignToModal } from './assign-to-modal.ts';
import { dismissModal } from './dismiss-modal.ts';
import { codeOf } from './failure-code.ts';
import { openModalAtOnce } from './open-modal.ts';
import { reopenWork } from './reopen-alert.ts';
import { runAlertAction } from './run-alert-action.ts';
import { signedInOrHint } from './signed-in.ts';
import { tellPrivately } from './tell-privately.ts';
import { rememberClickedMessage } from './update-alert-message.ts';

export interface Click {
  body: unknown;
  target: Target;
  triggerId: string;
}

type Handler = (click: Click) => Promise<void>;

/** Acks, parses the button's alert, and keeps a failure from going unseen. */
export function onAlertButton(app: App, ctx: AppContext, actionId: string, handler: Handler) {
  // A message listing several alerts suffixes each alert's action ids (`alert:dismiss:3`).
  app.action(alertActionPattern(actionId), async ({ ack, body, action }) => {
    await ack();
    const target = parseAlertActionValue((action as { value?: string }).value);
    if (!target) {
      ctx.logger.warn({ actionId }, 'alert button with an unreadable value; ignored');
      return;
    }
    const triggerId = (body as { trigger_id?: string }).trigger_id ?? '';
    try {
      await handler({ body, target: target as Target, triggerId });
    } catch (err) {
      const code = codeOf(err);
      ctx.logger.error({ err, actionId, code }, 'alert button failed');
      // Logged is not enough: to the person the button would seem to do nothing.
      await tellPrivately(
        ctx,
        originOf(body),
        `:warning: That did not work: Burndown ran into a problem (${code}). ` +
          'Try again in a moment.',
      ).catch((tellErr) =>
        ctx.logger.error({ err: tellErr, code: codeOf(tellErr) }, 'could not say so either'),
      );
    }
  });
}

/** The modal's title, shown while it loads and on whatever it then says. */
function modalTitle(action: 'assign' | 'dismiss', target: Target): string {
  if (action === 'assign') return 'Assign alert';
  return target.kind === 'code' ? 'Dismiss alert' : 'Resolve secret alert';
}

/**
 * Opens a modal at once (Slack's trigger lasts three seconds), then fills it with the form
 * for a signed-in person whose alert is still open, or says what stands in the way.
 */
async function openForOpenAlert(
  ctx: AppContext,
  click: Click,
  action: 'assign' | 'dismiss',
  modal: typeof dismissModal,
) {
  const origin = originOf(click.body);
  const opened = await openModalAtOnce(
    ctx,
    origin,
    click.triggerId,
    modalTitle(action, click.target),
  );
  if (!opened) return;
  await opened.fill(async () => {
    const acting = await signedInOrHint(ctx, origin, click.target, action, opened.tell);
    if (!acting) return;
    const fail = async (message: string, result: AuditResult) => {
      await opened.tell(message);
      await recordAction(ctx, {
        slackUserId: origin.userId,
        githubLogin: acting.login,
        target: click.target,
        action,
        result,
        detail: message,
      });
    };
    let alert: Awaited<ReturnType<typeof readAlert>>;
    try {
      alert = await readAlert(acting.github, click.target);
    } catch (err) {
      const e = explainGitHubError(err, 'read the alert');
      await fail(`:warning: ${e.message}`, resultOfError(e.code));
      return;
    }
    if (alert.status !== 'open') {
      await fail(await closedText(ctx, alert), 'already_done');
      return;
    }
    // Without it the submit cannot redraw the message; the person is then told privately.
    await rememberClickedMessage(ctx, origin, messageOf(click.body)).catch((err) =>
      ctx.logger.warn({ err, code: codeOf(err) }, 'clicked message not kept for the modal'),
    );
    await opened.show(modal(alert, origin));
  });
}

export function registerAlertButtons(app: App, ctx: AppContext): void {
  const simple = (
    actionId: string,
    action: 'assign' | 'unassign' | 'reopen',
    doing: string,
    work: (target: Target) => Parameters<typeof runAlertAction>[2],
  ) =>
    onAlertButton(app, ctx, actionId, async ({ body, target }) => {
      await runAlertAction(
        ctx,
        {
          origin: originOf(body),
          target,
          action,
          doing,
          message: messageOf(body),
          waitForOthers: action !== 'reopen',
        },
        work(target),
      );
    });

  simple(ALERT_ACTIONS.assignMe, 'assign', 'assign the alert to you', (t) =>
    assignWork(ctx, t, (acting) => ({ add: acting.login })),
  );
  simple(ALERT_ACTIONS.unassign, 'unassign', 'unassign you', (t) =>
    assignWork(ctx, t, (acting) => ({ remove: acting.login })),
  );
  simple(ALERT_ACTIONS.reopen, 'reopen', 'reopen the alert', (t) => reopenWork(ctx, t));
  onAlertButton(app, ctx, ALERT_ACTIONS.assignTo, (click) =>
    openForOpenAlert(ctx, click, 'assign', assignToModal),
  );
  onAlertButton(app, ctx, ALERT_ACTIONS.dismiss, (click) =>
    openForOpenAlert(ctx, click, 'dismiss', dismissModal),
  );
}
