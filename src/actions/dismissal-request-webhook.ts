// GitHub's `dismissal_request_code_scanning` webhook (GitHub Enterprise Cloud): a request
// filed on GitHub's pages reaches the campaign's point of contact in Slack too. Requests
// filed from Slack arrive here as well and are posted only once (see announce).
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import type { Delivery, HandlerTable } from '../webhooks/dispatch.ts';
import { readAlert, type Target } from './alert-api.ts';
import { announceDismissalRequest } from './dismissal-requests.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

async function onRequestCreated(ctx: AppContext, d: Delivery): Promise<void> {
  const request = obj(d.payload.exemption_request);
  const repo = obj(d.payload.repository);
  const item = obj((obj(request.exemption_request_data).data as unknown[] | undefined)?.[0]);
  const number = Number(item.alert_number);
  if (typeof repo.id !== 'number' || typeof repo.full_name !== 'string' || !number) {
    ctx.logger.info('dismissal request delivery without repository or alert; skipped');
    return;
  }
  const target: Target = { kind: 'code', repoId: repo.id, repo: repo.full_name, number };
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
    requesterLogin: typeof request.requester_login === 'string' ? request.requester_login : '',
    ...(typeof item.reason === 'string' ? { reason: item.reason } : {}),
    ...(typeof request.requester_comment === 'string'
      ? { comment: request.requester_comment }
      : {}),
  });
}

export const dismissalRequestHandlers: HandlerTable = {
  'dismissal_request_code_scanning.created': [onRequestCreated],
};
