// Where each dismissal request was posted in Slack, and the one claim on telling its decision.
// A decision can reach Burndown twice: a review from Slack's buttons makes GitHub send
// `response_submitted` as well. Whichever path claims first tells Slack; the other stays quiet.
import type { AppContext } from '../app-context.ts';
import { type AlertRef, alertKey } from '../domain/types.ts';
import type { StoredMessage } from './action-origin.ts';

type AlertId = Pick<AlertRef, 'kind' | 'repoId' | 'number'>;

/** The request message as posted: its conversation (a `D…` id, as chat.update needs). */
export interface PostedRequest extends StoredMessage {
  channel: string;
  ts: string;
}

/**
 * As long as the claim that posts a request once: GitHub expires requests long before, and a
 * decision arriving later finds nothing to update.
 */
export const REQUEST_TTL_MS = 30 * 86_400_000;

const postedKey = (alert: AlertId, id: string) =>
  `dismissal-request:message:${alertKey(alert)}:${id}`;
const decisionKey = (alert: AlertId, id: string) => `dismissal-decision:${alertKey(alert)}:${id}`;

export async function rememberPostedRequest(
  ctx: AppContext,
  alert: AlertId,
  id: string,
  posted: PostedRequest,
): Promise<void> {
  await ctx.kv.set(postedKey(alert, id), JSON.stringify(posted), { ttlMs: REQUEST_TTL_MS });
}

export async function postedRequest(
  ctx: AppContext,
  alert: AlertId,
  id: string,
): Promise<PostedRequest | null> {
  const raw = await ctx.kv.get(postedKey(alert, id));
  return raw ? (JSON.parse(raw) as PostedRequest) : null;
}

// A review from Slack holds the claim only while its PATCH is in flight, and briefly: if the
// replica dies there, the claim runs out and GitHub's own word on the decision gets through.
const SLACK_REVIEW_MS = 2 * 60_000;
const IN_PROGRESS = 'slack-review';
const TOLD = 'told';

export type DecisionClaim = 'claimed' | 'told' | 'slack-review-in-progress';

/**
 * Claims telling the request's decision. `from: 'slack'` claims it for a review about to be
 * sent to GitHub (confirm with decisionTold, or give back with releaseDecision); the webhook
 * claims it outright. The answer says who has it when it was not free.
 */
export async function claimDecision(
  ctx: AppContext,
  alert: AlertId,
  id: string,
  from: 'slack' | 'github',
): Promise<DecisionClaim> {
  const key = decisionKey(alert, id);
  const [value, ttlMs] = from === 'slack' ? [IN_PROGRESS, SLACK_REVIEW_MS] : [TOLD, REQUEST_TTL_MS];
  if (await ctx.kv.set(key, value, { nx: true, ttlMs })) return 'claimed';
  return (await ctx.kv.get(key)) === IN_PROGRESS ? 'slack-review-in-progress' : 'told';
}

/** GitHub took the review made from Slack: the decision is told for good. */
export async function decisionTold(ctx: AppContext, alert: AlertId, id: string): Promise<void> {
  await ctx.kv.set(decisionKey(alert, id), TOLD, { ttlMs: REQUEST_TTL_MS });
}

/** After a review from Slack failed on GitHub: a later decision must still be told. */
export async function releaseDecision(ctx: AppContext, alert: AlertId, id: string): Promise<void> {
  await ctx.kv.delIfEquals(decisionKey(alert, id), IN_PROGRESS);
}

/** The webhook's claim, given back because Slack could not show the decision yet. */
export async function giveBackDecision(ctx: AppContext, alert: AlertId, id: string): Promise<void> {
  await ctx.kv.delIfEquals(decisionKey(alert, id), TOLD);
}
