// A reviewer's decision on a dismissal request, sent to GitHub with the reviewer's own
// token (GitHub checks they may review), then told to the person who asked. GitHub then
// sends `response_submitted` for it too; the decision claim keeps that from telling twice.
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { readAlert, type Target } from './alert-api.ts';
import { actorText, alertName, byLine, closedText } from './alert-words.ts';
import { claimDecision, decisionTold, releaseDecision } from './dismissal-request-refs.ts';
import { codeOf } from './failure-code.ts';
import type { ActingOk, ActionWork } from './run-alert-action.ts';

export type Decision = 'approve' | 'deny';

/** GitHub caps the reviewer's message at 2048 characters. */
export const REVIEW_MESSAGE_MAX = 2048;

/**
 * GitHub's id of the request under review. Buttons carry it; a local id (GitHub's could not
 * be read when it was filed) or an older message without one is looked up, so the claim is
 * the one the webhook takes.
 */
async function requestIdOf(
  ctx: AppContext,
  acting: ActingOk,
  target: Target,
  shown: string | undefined,
): Promise<string> {
  if (shown && /^\d+$/.test(shown)) return shown;
  const [owner = '', repo = ''] = target.repo.split('/');
  try {
    const { data } = await acting.github.request(
      'GET /repos/{owner}/{repo}/dismissal-requests/code-scanning/{alert_number}',
      { owner, repo, alert_number: target.number },
    );
    if (data.id !== undefined) return String(data.id);
  } catch (err) {
    ctx.logger.debug({ err }, 'dismissal request id not readable; using the shown one');
  }
  return shown ?? `${target.repo}#${target.number}`;
}

export function reviewWork(
  ctx: AppContext,
  target: Target,
  decision: Decision,
  message: string,
  requesterLogin: string,
  shownRequestId?: string,
): ActionWork {
  return async (acting, current) => {
    if (current.status !== 'open') {
      return { result: 'already_done', message: await closedText(ctx, current) };
    }
    const requestId = await requestIdOf(ctx, acting, target, shownRequestId);
    if ((await claimDecision(ctx, target, requestId, 'slack')) !== 'claimed') {
      return {
        result: 'already_done',
        message: `The request to dismiss ${alertName(target)} was already reviewed.`,
      };
    }
    const [owner = '', repo = ''] = target.repo.split('/');
    try {
      await acting.github.request(
        'PATCH /repos/{owner}/{repo}/dismissal-requests/code-scanning/{alert_number}',
        { owner, repo, alert_number: target.number, status: decision, message },
      );
    } catch (err) {
      // Nothing was decided; whoever decides next (here or on GitHub) must still be told.
      await releaseDecision(ctx, target, requestId).catch((releaseErr) =>
        ctx.logger.warn(
          { err: releaseErr, code: 'store_unavailable' },
          'dismissal decision claim not given back',
        ),
      );
      throw err;
    }
    // GitHub took the decision: from here on nothing may turn it into a reported failure.
    // Not marked told, the claim runs out and GitHub's `response_submitted` tells it again,
    // which is better than telling the reviewer it failed.
    await decisionTold(ctx, target, requestId).catch((err) =>
      ctx.logger.error(
        { err, code: codeOf(err), request: requestId },
        'dismissal decision sent; not marked as told',
      ),
    );
    // The message then shows the state read before the review.
    const after = await readAlert(acting.github, target).catch((err) => {
      ctx.logger.warn({ err, code: 'github_request_failed' }, 'alert not read after review');
      return current;
    });
    const verb = decision === 'approve' ? 'approved' : 'denied';
    const said = message ? `: “${safeText(message, 500)}”` : '';
    try {
      const requester = await ctx.repos.identities.byGitHubLogin(requesterLogin);
      if (requester) {
        const text =
          `Your request to dismiss ${alertName(after)} was *${verb}* by ` +
          `${actorText(acting.slackUserId)}${said}`;
        await ctx.slack.chat.postMessage({ channel: requester.slackUserId, text });
      }
    } catch (err) {
      ctx.logger.warn({ err, code: codeOf(err) }, 'could not tell the requester');
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
