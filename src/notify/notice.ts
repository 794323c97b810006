// One thing to tell one recipient (a person's DM or a campaign channel), waiting in the store
// until its delivery time. Many notices for the same recipient become one message.
import type { AlertSnapshot } from '../domain/types.ts';

export type AlertNoticeType = 'assigned' | 'unassigned' | 'dismissed' | 'fixed' | 'reopened';

export interface AlertNotice {
  type: AlertNoticeType;
  /** The alert as it was when the change was seen; rendering prefers the latest state. */
  alert: AlertSnapshot;
  campaignId?: string;
  /** GitHub login of whoever closed or reopened it. */
  by?: string;
  reason?: string;
  comment?: string;
}

/** Assignees of a campaign whom Burndown cannot reach: no Slack user is linked to them. */
export interface UnreachableNotice {
  type: 'unreachable';
  login: string;
  campaignId: string;
}

export type Notice = AlertNotice | UnreachableNotice;

export interface PendingNotice {
  /** Idempotency key: one per (alert, change, recipient). */
  id: string;
  /** Slack user id (a DM) or channel id. */
  to: string;
  /** Whether `to` is a person; people's preferences and quiet hours apply. */
  direct: boolean;
  /** The recipient's GitHub login, for "Assign to me" versus "Unassign me". */
  viewer?: string;
  notice: Notice;
  createdAt: number;
  attempts?: number;
}

export function isAlertNotice(n: Notice): n is AlertNotice {
  return n.type !== 'unreachable';
}
