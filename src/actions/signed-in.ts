// The gate before a modal's form shows: a person who cannot act on GitHub is told how to
// sign in (in the modal, or privately), and the refusal is audited. No GitHub request is
// made for them.
import type { AppContext } from '../app-context.ts';
import type { AuditAction } from '../audit/audit-log.ts';
import { recordAction } from '../audit/record-action.ts';
import { actAs } from '../identity/authorize.ts';
import type { ActionOrigin } from './action-origin.ts';
import type { Target } from './alert-api.ts';
import type { ActingOk } from './run-alert-action.ts';
import { tellPrivately } from './tell-privately.ts';

export async function signedInOrHint(
  ctx: AppContext,
  origin: ActionOrigin,
  target: Target,
  action: AuditAction,
  /** Where to say it (a modal already open); privately by default. */
  tell: (text: string) => Promise<void> = (text) => tellPrivately(ctx, origin, text),
): Promise<ActingOk | null> {
  const acting = await actAs(ctx, origin.userId);
  if (acting.ok) return acting;
  ctx.logger.info({ slackUser: origin.userId, reason: acting.reason, action }, 'not signed in');
  await tell(acting.message);
  await recordAction(ctx, {
    slackUserId: origin.userId,
    githubLogin: '',
    target,
    action,
    result: 'not_signed_in',
    detail: acting.message,
  });
  return null;
}

/** Audits input refused in a modal (nothing was sent to GitHub). */
export async function recordRefusedInput(
  ctx: AppContext,
  origin: ActionOrigin,
  target: Target,
  action: AuditAction,
  detail: string,
  extra: { reason?: string; comment?: string } = {},
): Promise<void> {
  const link = await ctx.repos.identities.bySlackUser(origin.userId);
  await recordAction(ctx, {
    slackUserId: origin.userId,
    githubLogin: link?.githubLogin ?? '',
    target,
    action,
    result: 'invalid_input',
    detail,
    ...extra,
  });
}
