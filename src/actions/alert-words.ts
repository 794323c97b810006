// Sentences about alerts and the people acting on them, shared by every action.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { personLabel } from '../slack/commands/list.ts';
import { safeText } from '../slack/mrkdwn.ts';
import type { Holder } from './alert-claim.ts';
import { reasonLabel } from './dismiss-reasons.ts';

const DOING: Record<string, string> = {
  assign: 'changing its assignees',
  unassign: 'changing its assignees',
  dismiss: 'closing it',
  reopen: 'reopening it',
};

export function busyText(holder: Holder): string {
  const what = DOING[holder.action] ?? 'changing it';
  return `<@${holder.slackUserId}> is ${what} right now; nothing was sent. Look again in a moment.`;
}

export function alertName(a: Pick<AlertSnapshot, 'repo' | 'number'>): string {
  return `${safeText(a.repo, 100)}#${a.number}`;
}

/** "Already dismissed by @kim (false positive) on 2026-12-01." */
export async function closedText(ctx: AppContext, a: AlertSnapshot): Promise<string> {
  const verb = a.status === 'fixed' ? 'fixed' : a.kind === 'code' ? 'dismissed' : 'resolved';
  const by = a.closedBy ? ` by ${await personLabel(ctx, a.closedBy)}` : '';
  const why = a.closedReason ? ` (${safeText(reasonLabel(a.kind, a.closedReason), 40)})` : '';
  return `${alertName(a)} was already ${verb}${by}${why}.`;
}

export function actorText(slackUserId: string): string {
  return `<@${slackUserId}>`;
}

/** "by @person · <time>": who did it, when, for the line under an alert. */
export function byLine(ctx: AppContext, slackUserId: string): string {
  return `by ${actorText(slackUserId)} · ${timeText(ctx)}`;
}

export function timeText(ctx: AppContext): string {
  const at = ctx.now();
  const epoch = Math.floor(at.getTime() / 1000);
  return `<!date^${epoch}^{date_short_pretty} at {time}|${at.toISOString().slice(0, 16)}Z>`;
}
