// Listeners for the modals opened from alert buttons. Input is checked before the ack so a
// bad field keeps the modal open with its message; the GitHub work happens after the ack.

import type { App } from '@slack/bolt';
import type { AppContext } from '../app-context.ts';
import { linkThemHint } from '../identity/link-hint.ts';
import { parseAlertActionValue } from '../slack/messages/alert-actions.ts';
import { plainErrors } from '../slack/mrkdwn.ts';
import { unpackOrigin } from './action-origin.ts';
import type { Target } from './alert-api.ts';
import { assignWork } from './assign-alert.ts';
import { ASSIGN_VIEW, ASSIGNEE_BLOCK } from './assign-to-modal.ts';
import { dismissWork } from './dismiss-alert.ts';
import { DISMISS_VIEW, readDismissInput } from './dismiss-modal.ts';
import { runAlertAction } from './run-alert-action.ts';
import { recordRefusedInput } from './signed-in.ts';

type Values = Record<string, Record<string, Record<string, unknown>>>;

export function readMeta(raw: string): { meta: Record<string, string>; target: Target | null } {
  try {
    const meta = JSON.parse(raw) as Record<string, string>;
    return { meta, target: parseAlertActionValue(meta.v) as Target | null };
  } catch {
    return { meta: {}, target: null };
  }
}

export function registerAlertViews(app: App, ctx: AppContext): void {
  app.view(DISMISS_VIEW, async ({ ack, body, view }) => {
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

  app.view(ASSIGN_VIEW, async ({ ack, body, view }) => {
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
