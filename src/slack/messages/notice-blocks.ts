// Blocks for news about alerts other than assignments: closed on GitHub (who, why, what they
// said), unassigned, fixed or reopened (for campaign channels), and assignees Burndown cannot
// reach. GitHub text is escaped and cut; the alert's link leads to the rest.
import type { KnownBlock } from '@slack/types';
import type { AlertSnapshot } from '../../domain/types.ts';
import { safeText } from '../mrkdwn.ts';
import { alertText } from './assignment-dm.ts';

const COMMENT_MAX = 600;

export interface ClosureDetail {
  /** mrkdwn naming who closed it (a mention, or the login in plain text). */
  by?: string;
  /** GitHub's own word for the reason, shown as GitHub spells it. */
  reason?: string;
  comment?: string;
}

/** "Dismissed on GitHub by X · reason `false positive`", then the comment as a quote. */
export function closureBlock(a: AlertSnapshot, kind: 'dismissed' | 'fixed', d: ClosureDetail) {
  const verb = a.kind === 'secret' ? 'Resolved' : kind === 'fixed' ? 'Fixed' : 'Dismissed';
  const by = d.by ? ` by ${d.by}` : '';
  const reason = d.reason ? ` · reason \`${safeText(d.reason, 40)}\`` : '';
  const comment = d.comment?.trim()
    ? `\n>${safeText(d.comment.trim(), COMMENT_MAX).replace(/\n/g, '\n>')}`
    : '';
  // A fix by a new analysis has no author or reason; the state in the line says it all.
  const detail = by || reason || comment ? `\n${verb} on GitHub${by}${reason}${comment}` : '';
  const text = `${alertText(a, 100)}${detail}`;
  return { type: 'section', text: { type: 'mrkdwn', text } } satisfies KnownBlock;
}

export function plainAlertBlock(a: AlertSnapshot, note?: string): KnownBlock {
  const text = `${alertText(a, 100)}${note ? `\n${note}` : ''}`;
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** Tells a campaign's point of contact which assignees have no Slack account linked. */
export function unreachableBlock(campaignName: string, logins: string[]): KnownBlock {
  const names = logins.map((l) => `\`${safeText(l, 40)}\``).join(', ');
  const text =
    `*Some assignees in ${safeText(campaignName, 80)} cannot be reached in Slack:* ${names}.\n` +
    'Nobody has linked a Slack account to these GitHub logins, so they get no DMs. Ask them ' +
    'to sign in to Burndown, or ask a Burndown admin to map them.';
  return { type: 'section', text: { type: 'mrkdwn', text } };
}
