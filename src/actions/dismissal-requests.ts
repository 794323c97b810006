// Dismissal requests reach the campaign's point of contact (its first manager) in Slack,
// with Approve and Deny. A request may be seen twice, once when filed from Slack and once by
// GitHub's webhook; a claim on the request id posts it once. Where it was posted is kept, so
// a decision made on GitHub's pages can be shown on it (see relay-review).
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { asBotError, BotError } from '../errors.ts';
import { personLabel } from '../slack/commands/list.ts';
import { alertActionValue } from '../slack/messages/alert-actions.ts';
import { alertLine, alertPlain } from '../slack/messages/alert-lines.ts';
import { escapeMrkdwn, safeText } from '../slack/mrkdwn.ts';
import { claimOnce, releaseClaim } from '../store/lock.ts';
import type { DismissInput } from './dismiss-modal.ts';
import { reasonLabel } from './dismiss-reasons.ts';
import { REQUEST_TTL_MS, rememberPostedRequest } from './dismissal-request-refs.ts';
import type { ActingOk } from './run-alert-action.ts';

export const REVIEW_ACTIONS = { approve: 'dismissal:approve', deny: 'dismissal:deny' } as const;

export interface DismissalRequestInfo {
  /** GitHub's request id, or a local one when GitHub's could not be read. */
  id: string;
  alert: AlertSnapshot;
  requesterLogin: string;
  /** GitHub's spelling of the reason, when known. */
  reason?: string;
  comment?: string;
}

/** What the Approve and Deny buttons carry besides the alert: who asked, and which request. */
export interface ReviewValue {
  q?: string;
  i?: string;
}

export function requestMessage(info: DismissalRequestInfo, requester: string) {
  const a = info.alert;
  const review: ReviewValue = { q: info.requesterLogin, i: info.id };
  const value = JSON.stringify({ ...JSON.parse(alertActionValue(a)), ...review });
  // Inside the bold heading: nested asterisks would end the bold early in Slack.
  const why = info.reason ? ` as “${safeText(reasonLabel(a.kind, info.reason), 40)}”` : '';
  const said = info.comment ? `\n> ${safeText(info.comment.replace(/\s+/g, ' '), 600)}` : '';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*${requester} asks to dismiss an alert${why}*${said}` },
    },
    { type: 'section', text: { type: 'mrkdwn', text: alertLine(a) } },
    {
      type: 'actions',
      block_id: `alert:${alertKey(a)}`,
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Approve' },
          style: 'primary',
          action_id: REVIEW_ACTIONS.approve,
          value,
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Deny' },
          style: 'danger',
          action_id: REVIEW_ACTIONS.deny,
          value,
        },
        ...(a.htmlUrl
          ? [
              {
                type: 'button' as const,
                text: { type: 'plain_text' as const, text: 'Open on GitHub' },
                action_id: 'alert:open',
                url: a.htmlUrl,
              },
            ]
          : []),
      ],
    },
  ];
  // The notification: Slack parses it like mrkdwn, and the alert's title comes from GitHub.
  const text = escapeMrkdwn(`${info.requesterLogin} asks to dismiss ${alertPlain(a)}`);
  return { text, blocks };
}

/**
 * Posts the request to the point of contact of the alert's campaign. Returns how the
 * reviewer is named, or null when the alert is in no campaign or nobody can be reached.
 */
export async function announceDismissalRequest(
  ctx: AppContext,
  info: DismissalRequestInfo,
): Promise<string | null> {
  const log = ctx.logger.child({ alert: alertKey(info.alert), request: info.id });
  const campaigns = await ctx.repos.campaigns.forAlert(info.alert);
  const campaign = campaigns.find((c) => c.state === 'open') ?? campaigns[0];
  const contact = campaign?.managers[0];
  if (!campaign || !contact) {
    log.info('dismissal request for an alert outside any campaign; left to GitHub');
    return null;
  }
  const link = await ctx.repos.identities.byGitHubLogin(contact);
  const channel = link?.slackUserId ?? campaign.channelId;
  if (!channel) {
    log.info({ contact }, 'point of contact has no Slack user; left to GitHub');
    return null;
  }
  const reviewer = link ? `<@${link.slackUserId}>` : safeText(contact, 40);
  const claim = `dismissal-request:${alertKey(info.alert)}:${info.id}`;
  if (!(await claimOnce(ctx.kv, claim, REQUEST_TTL_MS))) {
    log.debug('dismissal request already posted');
    return reviewer;
  }
  let message: ReturnType<typeof requestMessage> | undefined;
  let res: Awaited<ReturnType<typeof ctx.slack.chat.postMessage>>;
  try {
    message = requestMessage(info, await personLabel(ctx, info.requesterLogin));
    res = await ctx.slack.chat.postMessage({ channel, ...message });
  } catch (err) {
    // Not posted: the claim goes back so the delivery's retry posts it. Kept, it would make
    // every retry think the request was shown, and the reviewer would never see it.
    await releaseClaim(ctx.kv, claim).catch((releaseErr) =>
      log.error(
        { err: releaseErr, code: 'store_unavailable' },
        'dismissal request not posted and its claim not given back',
      ),
    );
    // Without a message, naming the requester failed (the store), not Slack.
    const code = message ? 'slack_request_failed' : asBotError(err).code;
    throw new BotError(code, 'dismissal request not posted', {
      cause: err,
      fields: { alert: alertKey(info.alert), request: info.id },
    });
  }
  log.info({ contact }, 'dismissal request sent to the point of contact');
  // chat.update wants the conversation Slack answered with, not the user id posted to.
  const posted = {
    channel: String(res.channel),
    ts: String(res.ts),
    text: message.text,
    blocks: message.blocks as unknown as Record<string, unknown>[],
  };
  await rememberPostedRequest(ctx, info.alert, info.id, posted).catch((err) =>
    log.warn(
      { err, code: 'store_unavailable' },
      'dismissal request posted; its place not remembered',
    ),
  );
  return reviewer;
}

/** After a dismissal was filed as a request from Slack: find GitHub's id, then announce. */
export async function fileDismissalRequest(
  ctx: AppContext,
  acting: ActingOk,
  alert: AlertSnapshot,
  input: DismissInput,
): Promise<string | null> {
  const [owner = '', repo = ''] = alert.repo.split('/');
  let id = `slack:${ctx.now().getTime()}`;
  try {
    const { data } = await acting.github.request(
      'GET /repos/{owner}/{repo}/dismissal-requests/code-scanning/{alert_number}',
      { owner, repo, alert_number: alert.number },
    );
    if (data.id !== undefined) id = String(data.id);
  } catch (err) {
    ctx.logger.debug({ err }, 'dismissal request id not readable; using a local one');
  }
  try {
    return await announceDismissalRequest(ctx, {
      id,
      alert,
      requesterLogin: acting.login,
      reason: input.reason.github,
      ...(input.comment ? { comment: input.comment } : {}),
    });
  } catch (err) {
    // GitHub holds the request whatever Slack did: the person must not hear that the
    // dismissal failed. GitHub's `created` delivery posts it again, the claim being free.
    ctx.logger.warn(
      { err, code: err instanceof BotError ? err.code : 'unknown', alert: alertKey(alert) },
      'dismissal request filed on GitHub; not posted in Slack',
    );
    return null;
  }
}
