// Reopening a dismissed code scanning alert or a resolved secret. A fixed code alert cannot
// be reopened by anyone (GitHub answers 400); the person is told instead of trying.
import type { AppContext } from '../app-context.ts';
import { patchCodeAlert, patchSecretAlert, type Target } from './alert-api.ts';
import { alertName, byLine } from './alert-words.ts';
import type { ActionWork } from './run-alert-action.ts';

export function reopenWork(ctx: AppContext, target: Target): ActionWork {
  return async (acting, current) => {
    if (current.status === 'open') {
      return { result: 'already_done', message: `${alertName(current)} is already open.` };
    }
    if (current.kind === 'code' && current.state === 'fixed') {
      return {
        result: 'already_done',
        message:
          `${alertName(current)} was fixed in code; GitHub reopens it by itself ` +
          'if the problem comes back.',
      };
    }
    const after =
      target.kind === 'code'
        ? await patchCodeAlert(acting.github, target, { state: 'open' })
        : await patchSecretAlert(acting.github, target, { state: 'open' });
    return {
      result: 'ok',
      after,
      line: `:arrows_counterclockwise: Reopened ${byLine(ctx, acting.slackUserId)}`,
    };
  };
}
