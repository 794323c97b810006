// One audit entry per attempted action, with the campaigns the alert belongs to. Writing
// the entry must never turn a done action into a reported failure, so errors are logged.
import type { AppContext } from '../app-context.ts';
import type { ErrorCode } from '../errors.ts';
import { AuditLog, type AuditResult, type NewAuditEntry } from './audit-log.ts';

export type ActionRecord = Omit<NewAuditEntry, 'at' | 'campaigns' | 'reason' | 'comment'> & {
  reason?: string;
  comment?: string;
};

export function resultOfError(code: ErrorCode): AuditResult {
  switch (code) {
    case 'github_forbidden':
      return 'forbidden';
    case 'github_not_found':
      return 'not_found';
    case 'github_conflict':
    case 'github_validation_failed':
      return 'conflict';
    case 'github_rate_limited':
      return 'rate_limited';
    default:
      return 'failed';
  }
}

export async function recordAction(ctx: AppContext, record: ActionRecord): Promise<void> {
  try {
    const campaigns = await ctx.repos.campaigns.forAlert(record.target);
    await new AuditLog(ctx.kv).append({
      ...record,
      reason: record.reason ?? '',
      comment: record.comment ?? '',
      at: ctx.now().toISOString(),
      campaigns: campaigns.map((c) => c.id),
    });
  } catch (err) {
    ctx.logger.error(
      { err, action: record.action, slackUser: record.slackUserId },
      'audit entry not written',
    );
  }
}
