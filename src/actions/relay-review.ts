// A decision on a dismissal request made on GitHub's own pages, told in Slack as a decision
// made from Slack would be: the request message loses Approve and Deny and says who decided
// what, and the person who asked gets a DM. Told once, whichever path claims the decision.
import type { AppContext } from '../app-context.ts';
import { type AlertRef, alertKey } from '../domain/types.ts';
import { BotError } from '../errors.ts';
import { personLabel } from '../slack/commands/list.ts';
import { safeText } from '../slack/mrkdwn.ts';
import type { Target } from './alert-api.ts';
import { alertName, timeText } from './alert-words.ts';
import { claimDecision, giveBackDecision, postedRequest } from './dismissal-request-refs.ts';
import { REVIEW_ACTIONS } from './dismissal-requests.ts';
import { resultBlockId } from './update-alert-message.ts';

type Block = Record<string, unknown>;

/** GitHub's word for the decision; it says "rejected" where its pages and Burndown say "denied". */
export type ResponseStatus = 'approved' | 'rejected' | 'dismissed';

export interface GitHubReview {
  alert: Target;
  /** GitHub's id of the request, as the request message was remembered under. */
  requestId: string;
  requesterLogin: string;
  reviewerLogin: string;
  status: ResponseStatus;
  comment: string;
}

const VERB: Record<ResponseStatus, string> = {
  approved: 'approved',
  rejected: 'denied',
  dismissed: 'dismissed',
};
const ICON: Record<ResponseStatus, string> = {
  approved: ':white_check_mark:',
  rejected: ':no_entry:',
  dismissed: ':heavy_minus_sign:',
};
// The reviewer's comment may be GitHub's whole 2048 characters; the gist is enough here.
const COMMENT_MAX = 500;

/** The posted blocks without Approve and Deny (links stay), and the decision line last. */
export function decidedBlocks(
  blocks: Block[],
  alert: Pick<AlertRef, 'kind' | 'repoId' | 'number'>,
  line: string,
): Block[] {
  const review = new Set<unknown>(Object.values(REVIEW_ACTIONS));
  const resultId = resultBlockId(alertKey(alert));
  const kept: Block[] = [];
  for (const b of blocks) {
    if (b.block_id === resultId) continue;
    if (b.type !== 'actions') {
      kept.push(b);
      continue;
    }
    const elements = ((b.elements as Block[] | undefined) ?? []).filter(
      (e) => !review.has(e.action_id),
    );
    // Slack refuses an actions block without elements.
    if (elements.length > 0) kept.push({ ...b, elements });
  }
  const result = {
    type: 'context',
    block_id: resultId,
    elements: [{ type: 'mrkdwn', text: line }],
  };
  return [...kept, result];
}

/** Shows a decision made on GitHub in Slack; does nothing if Slack already told it. */
export async function relayGitHubReview(ctx: AppContext, review: GitHubReview): Promise<void> {
  const log = ctx.logger.child({ alert: alertKey(review.alert), request: review.requestId });
  const posted = await postedRequest(ctx, review.alert, review.requestId);
  if (!posted) {
    log.info('decision on a dismissal request Burndown did not post; ignored');
    return;
  }
  const claim = await claimDecision(ctx, review.alert, review.requestId, 'github');
  if (claim === 'slack-review-in-progress') {
    // A review from Slack is on its way to GitHub. Failing leaves the delivery pending: the
    // retry finds it told (nothing more to say) or given back (then this decision is told).
    throw new BotError('lock_not_acquired', 'a review from Slack is in flight; retry later', {
      fields: { alert: alertKey(review.alert), request: review.requestId },
    });
  }
  if (claim === 'told') {
    log.info('dismissal request decision already told in Slack; ignored');
    return;
  }
  const verb = VERB[review.status];
  const reviewer = review.reviewerLogin
    ? await personLabel(ctx, review.reviewerLogin)
    : 'a reviewer';
  const comment = review.comment.replace(/\s+/g, ' ').trim();
  const said = comment ? `: “${safeText(comment, COMMENT_MAX)}”` : '';
  const by = `on GitHub by ${reviewer} · ${timeText(ctx)}`;
  const line = `${ICON[review.status]} Request ${verb} ${by}${said}`;
  try {
    await ctx.slack.chat.update({
      channel: posted.channel,
      ts: posted.ts,
      text: posted.text,
      blocks: decidedBlocks(posted.blocks, review.alert, line) as never,
    });
  } catch (err) {
    // Not shown yet: the claim goes back and the delivery fails, so its retry shows it (and
    // only then tells the requester, so that they never hear of what the message hides).
    await giveBackDecision(ctx, review.alert, review.requestId);
    throw new BotError('slack_request_failed', 'the dismissal request decision was not shown', {
      cause: err,
      fields: { channel: posted.channel },
    });
  }
  const requester = review.requesterLogin
    ? await ctx.repos.identities.byGitHubLogin(review.requesterLogin)
    : null;
  if (requester) {
    const text =
      `Your request to dismiss ${alertName(review.alert)} was *${verb}* on GitHub by ` +
      `${reviewer}${said}`;
    await ctx.slack.chat
      .postMessage({ channel: requester.slackUserId, text })
      .catch((err) =>
        log.warn({ err, code: 'slack_request_failed' }, 'could not tell the requester'),
      );
  }
  log.info(
    { status: review.status, requesterTold: Boolean(requester) },
    'dismissal request decision from GitHub shown in Slack',
  );
}
