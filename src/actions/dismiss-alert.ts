// Dismissing a code scanning alert or resolving a secret, with the person's token.
//
// Delegated dismissal: an organization can require that dismissals be reviewed. GitHub then
// refuses a plain dismissal from a non-reviewer with 403, and accepts `create_request: true`
// instead. Nothing in the alert tells in advance, so Burndown learns it from that 403 (its
// message names the review requirement), files the request at once, and remembers for a day
// that this person's dismissals need review, so the next one goes straight to a request.
// Reviewers (who may dismiss directly) never get the 403 and are never turned into requests.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { patchCodeAlert, patchSecretAlert, type Target } from './alert-api.ts';
import { actorText, alertName, byLine, closedText, timeText } from './alert-words.ts';
import type { DismissInput } from './dismiss-modal.ts';
import { fileDismissalRequest } from './dismissal-requests.ts';
import type { ActingOk, ActionWork, Outcome } from './run-alert-action.ts';

const DELEGATED_TTL_MS = 86_400_000;
const delegatedKey = (login: string) => `actions:delegated-dismissal:${login.toLowerCase()}`;
const REVIEW_HINT = /dismissal request|requires? (a )?review|delegated|create_request/i;

function needsReview(err: unknown): boolean {
  const e = err as { status?: number; response?: { data?: { message?: unknown } } };
  const said = e?.response?.data?.message;
  return e?.status === 403 && typeof said === 'string' && REVIEW_HINT.test(said);
}

async function dismissCode(
  ctx: AppContext,
  acting: ActingOk,
  target: Target,
  input: DismissInput,
): Promise<{ after: AlertSnapshot; requested: boolean }> {
  const body = {
    state: 'dismissed' as const,
    dismissed_reason: input.reason.github,
    ...(input.comment ? { dismissed_comment: input.comment } : {}),
  };
  const key = delegatedKey(acting.login);
  if (await ctx.kv.get(key)) {
    const after = await patchCodeAlert(acting.github, target, { ...body, create_request: true });
    return { after, requested: true };
  }
  try {
    return { after: await patchCodeAlert(acting.github, target, body), requested: false };
  } catch (err) {
    if (!needsReview(err)) throw err;
    ctx.logger.info({ login: acting.login }, 'dismissal needs review; filing a request');
    await ctx.kv.set(key, '1', { ttlMs: DELEGATED_TTL_MS });
    const after = await patchCodeAlert(acting.github, target, { ...body, create_request: true });
    return { after, requested: true };
  }
}

export function dismissWork(ctx: AppContext, target: Target, input: DismissInput): ActionWork {
  return async (acting, current): Promise<Outcome> => {
    if (current.status !== 'open') {
      return { result: 'already_done', message: await closedText(ctx, current) };
    }
    const why = input.reason.label.toLowerCase();
    const by = byLine(ctx, acting.slackUserId);
    const said = input.comment ? `: “${safeText(input.comment, 300)}”` : '';
    if (target.kind === 'secret') {
      const after = await patchSecretAlert(acting.github, target, {
        state: 'resolved',
        resolution: input.reason.github,
        ...(input.comment ? { resolution_comment: input.comment } : {}),
      });
      const line = `:white_check_mark: Resolved as *${why}* ${by}${said}`;
      return { result: 'ok', after, line, reason: input.reason.github };
    }
    const { after, requested } = await dismissCode(ctx, acting, target, input);
    if (!requested) {
      const line = `:white_check_mark: Dismissed as *${why}* ${by}${said}`;
      return { result: 'ok', after, line, reason: input.reason.github };
    }
    const reviewer = await fileDismissalRequest(ctx, acting, after, input);
    const line =
      `:hourglass_flowing_sand: ${actorText(acting.slackUserId)} asked to dismiss ` +
      `${alertName(after)} as *${why}*` +
      ` · ${timeText(ctx)}. Your organization reviews dismissals; ` +
      (reviewer ? `${reviewer} was asked to approve it.` : 'a reviewer will decide on GitHub.');
    return { result: 'requested', after, line, reason: input.reason.github };
  };
}
