// The one path every alert action takes: act as the person (or tell them how to sign in,
// sending nothing to GitHub), claim the alert, read it fresh, do the work, then update the
// message in place, remember the new state and write one audit entry with the result.
import type { AppContext } from '../app-context.ts';
import type { AuditAction, AuditResult } from '../audit/audit-log.ts';
import { recordAction, resultOfError } from '../audit/record-action.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import type { BotError } from '../errors.ts';
import { explainGitHubError } from '../github/explain-error.ts';
import { type Acting, actAs } from '../identity/authorize.ts';
import { escapeMrkdwn } from '../slack/mrkdwn.ts';
import { observeAlert } from '../sync/observe-alert.ts';
import type { ActionOrigin, StoredMessage } from './action-origin.ts';
import { readAlert, type Target } from './alert-api.ts';
import { type Claim, claimAlert } from './alert-claim.ts';
import { busyText, closedText } from './alert-words.ts';
import { codeOf, isGitHubError } from './failure-code.ts';
import { tellPrivately } from './tell-privately.ts';
import { updateAlertMessage } from './update-alert-message.ts';

export type ActingOk = Extract<Acting, { ok: true }>;

export type Outcome =
  | {
      result: 'ok' | 'requested';
      after: AlertSnapshot;
      /** The line shown under the alert in the message, naming who did it. */
      line: string;
      reason?: string;
      extra?: Record<string, unknown>[];
    }
  | { result: 'already_done' | 'invalid_input'; message: string; reason?: string };

export interface ActionRequest {
  origin: ActionOrigin;
  target: Target;
  action: AuditAction;
  /** "dismiss the alert": completes "Could not …" in error messages. */
  doing: string;
  message: StoredMessage | null;
  reason?: string;
  comment?: string;
  /** Assignee edits wait for a concurrent edit to finish instead of giving up. */
  waitForOthers?: boolean;
}

export type ActionWork = (acting: ActingOk, current: AlertSnapshot) => Promise<Outcome>;

async function finish(ctx: AppContext, req: ActionRequest, acting: ActingOk, out: Outcome) {
  const log = ctx.logger.child({ action: req.action, slackUser: req.origin.userId });
  if (!('after' in out)) {
    await tellPrivately(ctx, req.origin, out.message);
    return;
  }
  let shown = false;
  try {
    shown = await updateAlertMessage(ctx, req.origin, req.message, out.after, out.line, {
      viewer: acting.login,
      ...(out.extra ? { extra: out.extra } : {}),
    });
  } catch (err) {
    log.warn({ err, code: codeOf(err) }, 'action done; message not redrawn');
  }
  // The person must hear what happened, in the message or privately.
  if (!shown) await tellPrivately(ctx, req.origin, out.line);
  // What we just changed is news like a webhook would bring (an assignee gets their DM);
  // the webhook that follows finds nothing new. The clicked message already shows the new
  // state with who did it; redrawing it from the notices would erase that line.
  const { channelId, messageTs } = req.origin;
  const shownIn = shown && channelId && messageTs ? { channel: channelId, ts: messageTs } : null;
  await observeAlert(ctx, out.after, {
    firstSightingIsNews: false,
    actor: acting.login,
    ...(shownIn ? { shownIn } : {}),
  }).catch((err) => log.warn({ err, code: codeOf(err) }, 'could not record the new alert state'));
}

/** What the person is told when something fails. */
function failureText(err: unknown, doing: string): { e: BotError; text: string } {
  const e = explainGitHubError(err, doing);
  if (isGitHubError(err)) return { e, text: `:warning: ${e.message}` };
  // Not GitHub's answer: the store, Slack or a bug of ours. The code helps whoever looks.
  const text =
    `:warning: Could not ${escapeMrkdwn(doing)}: Burndown ran into a problem of its own ` +
    `(${e.code}). Look at the alert on GitHub, then try again in a moment.`;
  return { e, text };
}

/** Runs one action for the person in `req.origin`; never throws. */
export async function runAlertAction(
  ctx: AppContext,
  req: ActionRequest,
  work: ActionWork,
): Promise<AuditResult> {
  const log = ctx.logger.child({ action: req.action, slackUser: req.origin.userId });
  // The audit must never turn a done action into a reported failure (nor a failure into
  // silence): a failed write is logged, with its code, and the person hears the outcome.
  const audit = (result: AuditResult, login: string, detail = '', reason = req.reason) =>
    recordAction(ctx, {
      slackUserId: req.origin.userId,
      githubLogin: login,
      target: req.target,
      action: req.action,
      result,
      detail,
      ...(reason ? { reason } : {}),
      ...(req.comment ? { comment: req.comment } : {}),
    }).catch((err) => log.error({ err, code: codeOf(err), result }, 'audit entry not written'));

  let acting: ActingOk | undefined;
  let claim: Claim | undefined;
  try {
    // Inside the try: the store or a token refresh failing here must still be told.
    const signedIn = await actAs(ctx, req.origin.userId);
    if (!signedIn.ok) {
      log.info({ reason: signedIn.reason }, 'action refused; person not signed in');
      await tellPrivately(ctx, req.origin, signedIn.message);
      await audit('not_signed_in', '', signedIn.message);
      return 'not_signed_in';
    }
    acting = signedIn;
    const who = { slackUserId: acting.slackUserId, login: acting.login, action: req.action };
    claim = await claimAlert(ctx, req.target, who, {
      waitMs: req.waitForOthers ? 3000 : 0,
    });
    if (!claim.ok) {
      const message = busyText(claim.holder);
      await tellPrivately(ctx, req.origin, message);
      await audit('already_done', acting.login, message);
      return 'already_done';
    }
    const current = await readAlert(acting.github, req.target);
    const out = await work(acting, current);
    const detail = 'message' in out ? out.message : '';
    // Recorded before the message is redrawn: the action happened on GitHub either way,
    // and someone reading the audit right after the click must find it.
    await audit(out.result, acting.login, detail, out.reason ?? req.reason);
    await finish(ctx, req, acting, out).catch((err) =>
      log.warn({ err, code: codeOf(err) }, 'action done; the person may not have been told'),
    );
    log.info({ result: out.result, alert: req.target.number }, 'alert action done');
    return out.result;
  } catch (err) {
    const { e, text } = failureText(err, req.doing);
    let message = text;
    if (acting && (e.code === 'github_conflict' || e.code === 'github_validation_failed')) {
      // A race: say what the alert looks like now, so the person need not go and look.
      const now = await readAlert(acting.github, req.target).catch(() => null);
      if (now && now.status !== 'open') {
        message += ` ${await closedText(ctx, now).catch(() => '')}`.trimEnd();
      }
    }
    log.warn({ err: e, code: e.code }, 'alert action failed');
    await tellPrivately(ctx, req.origin, message).catch((replyErr) =>
      log.error(
        { err: replyErr, code: codeOf(replyErr) },
        'could not tell the person about the failure',
      ),
    );
    await audit(resultOfError(e.code), acting?.login ?? '', text.replace(/^:warning: /, ''));
    return resultOfError(e.code);
  } finally {
    if (claim?.ok) await claim.release();
  }
}
