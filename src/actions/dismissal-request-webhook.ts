// GitHub's `dismissal_request_code_scanning` webhook (GitHub Enterprise Cloud only): a request
// filed on GitHub's pages reaches the campaign's point of contact in Slack too, and a decision
// made there is shown on the request message. Requests filed and decided from Slack arrive
// here as well and are told only once (see announce and relay-review).
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import type { Delivery, HandlerTable } from '../webhooks/dispatch.ts';
import { readAlert, type Target } from './alert-api.ts';
import { announceDismissalRequest } from './dismissal-requests.ts';
import { type ResponseStatus, relayGitHubReview } from './relay-review.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const STATUSES: readonly string[] = [
  'approved',
  'rejected',
  'dismissed',
] satisfies ResponseStatus[];

/** The alert a delivery's request is about, or null when the payload does not say. */
function targetOf(d: Delivery): Target | null {
  const request = obj(d.payload.exemption_request);
  const repo = obj(d.payload.repository);
  const item = obj((obj(request.exemption_request_data).data as unknown[] | undefined)?.[0]);
  const number = Number(item.alert_number);
  if (typeof repo.id !== 'number' || typeof repo.full_name !== 'string' || !number) return null;
  return { kind: 'code', repoId: repo.id, repo: repo.full_name, number };
}

async function onRequestCreated(ctx: AppContext, d: Delivery): Promise<void> {
  const request = obj(d.payload.exemption_request);
  const item = obj((obj(request.exemption_request_data).data as unknown[] | undefined)?.[0]);
  const target = targetOf(d);
  if (!target) {
    ctx.logger.info('dismissal request delivery without repository or alert; skipped');
    return;
  }
  const { number } = target;
  // The bot's own client only reads; the decision is made with the reviewer's token.
  const alert: AlertSnapshot | null =
    (await readAlert(ctx.github, target).catch(() => null)) ?? (await ctx.repos.alerts.get(target));
  if (!alert) {
    ctx.logger.warn({ repo: target.repo, number }, 'alert of a dismissal request not found');
    return;
  }
  await announceDismissalRequest(ctx, {
    id: String(request.id ?? `${target.repo}#${number}`),
    alert,
    requesterLogin: str(request.requester_login),
    ...(typeof item.reason === 'string' ? { reason: item.reason } : {}),
    ...(typeof request.requester_comment === 'string'
      ? { comment: request.requester_comment }
      : {}),
  });
}

async function onResponseSubmitted(ctx: AppContext, d: Delivery): Promise<void> {
  const request = obj(d.payload.exemption_request);
  const response = obj(d.payload.exemption_response);
  const target = targetOf(d);
  const status = str(response.status);
  if (!target || request.id === undefined || !STATUSES.includes(status)) {
    ctx.logger.info(
      { status: status || null },
      'dismissal request response without alert, request or known status; skipped',
    );
    return;
  }
  await relayGitHubReview(ctx, {
    alert: target,
    requestId: String(request.id),
    requesterLogin: str(request.requester_login),
    reviewerLogin: str(response.reviewer_login),
    status: status as ResponseStatus,
    comment: str(response.reviewer_comment),
  });
}

export const dismissalRequestHandlers: HandlerTable = {
  'dismissal_request_code_scanning.created': [onRequestCreated],
  'dismissal_request_code_scanning.response_submitted': [onResponseSubmitted],
};
