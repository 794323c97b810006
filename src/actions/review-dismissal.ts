// A reviewer's decision on a dismissal request, sent to GitHub with the reviewer's own
// token (GitHub checks they may review), then told to the person who asked.
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { readAlert, type Target } from './alert-api.ts';
import { actorText, alertName, byLine, closedText } from './alert-words.ts';
import type { ActionWork } from './run-alert-action.ts';

export type Decision = 'approve' | 'deny';

/** GitHub caps the reviewer's message at 2048 characters. */
export const REVIEW_MESSAGE_MAX = 2048;

export function reviewWork(
  ctx: AppContext,
  target: Target,
  decision: Decision,
  message: string,
  requesterLogin: string,
): ActionWork {
  return async (acting, current) => {
    if (current.status !== 'open') {
      return { result: 'already_done', message: await closedText(ctx, current) };
    }
    const [owner = '', repo = ''] = target.repo.split('/');
    await acting.github.request(
      'PATCH /repos/{owner}/{repo}/dismissal-requests/code-scanning/{alert_number}',
      { owner, repo, alert_number: target.number, status: decision, message },
    );
    const after = await readAlert(acting.github, target);
    const verb = decision === 'approve' ? 'approved' : 'denied';
    const said = message ? `: “${safeText(message, 500)}”` : '';
    const requester = await ctx.repos.identities.byGitHubLogin(requesterLogin);
    if (requester) {
      const text =
        `Your request to dismiss ${alertName(after)} was *${verb}* by ` +
        `${actorText(acting.slackUserId)}${said}`;
      await ctx.slack.chat
        .postMessage({ channel: requester.slackUserId, text })
        .catch((err) => ctx.logger.warn({ err }, 'could not tell the requester'));
    }
    const icon = decision === 'approve' ? ':white_check_mark:' : ':no_entry:';
    return {
      result: 'ok',
      after,
      line: `${icon} Dismissal ${verb} ${byLine(ctx, acting.slackUserId)}${said}`,
      reason: decision,
    };
  };
}
