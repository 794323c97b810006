// Where each dismissal request was posted in Slack, and the one claim on telling its decision.
// A decision can reach Burndown twice: a review from Slack's buttons makes GitHub send
// `response_submitted` as well. Whichever path claims first tells Slack; the other stays quiet.
import type { AppContext } from '../app-context.ts';
import { type AlertRef, alertKey } from '../domain/types.ts';
import { claimOnce, releaseClaim } from '../store/lock.ts';
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

/** True for the one path (Slack review or GitHub webhook) that tells the request's decision. */
export function claimDecision(ctx: AppContext, alert: AlertId, id: string): Promise<boolean> {
  return claimOnce(ctx.kv, decisionKey(alert, id), REQUEST_TTL_MS);
}

/** After a review from Slack failed on GitHub: a later decision must still be told. */
export function releaseDecision(ctx: AppContext, alert: AlertId, id: string): Promise<void> {
  return releaseClaim(ctx.kv, decisionKey(alert, id));
}
