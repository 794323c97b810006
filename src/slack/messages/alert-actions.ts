// The buttons shown under an alert in DMs and in the digest's thread. The action ids and
// values are the contract with the handlers in src/actions/.
import type { ActionsBlock, Button } from '@slack/types';
import { type AlertSnapshot, alertKey } from '../../domain/types.ts';

/** Action ids; the value of each button is `alertActionValue(alert)`. */
export const ALERT_ACTIONS = {
  assignMe: 'alert:assign_me',
  assignTo: 'alert:assign_to',
  unassign: 'alert:unassign',
  dismiss: 'alert:dismiss',
  reopen: 'alert:reopen',
  autofix: 'alert:autofix',
  open: 'alert:open',
} as const;

/** Matches an action id with or without the per-alert suffix of a multi-alert message. */
export function alertActionPattern(actionId: string): RegExp {
  return new RegExp(`^${actionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:[\\w-]+)?$`);
}

export interface AlertActionValue {
  /** `kind:repoId:number`. */
  k: string;
  /** `owner/name`. */
  r: string;
}

export function alertActionValue(a: AlertSnapshot): string {
  return JSON.stringify({ k: alertKey(a), r: a.repo } satisfies AlertActionValue);
}

export function parseAlertActionValue(value: string | undefined) {
  try {
    const v = JSON.parse(value ?? '') as AlertActionValue;
    const [kind, repoId, number] = v.k.split(':');
    if ((kind !== 'code' && kind !== 'secret') || !repoId || !number || !v.r.includes('/')) {
      return null;
    }
    return { kind, repoId: Number(repoId), number: Number(number), repo: v.r } as const;
  } catch {
    return null;
  }
}

/**
 * The next steps for one alert, for `viewer` (a GitHub login, when known): someone else's
 * alert offers "Assign to me", one's own offers "Unassign". Closed alerts offer "Reopen".
 */
export function alertActions(
  a: AlertSnapshot,
  viewer?: string,
  options: { idSuffix?: string } = {},
): ActionsBlock {
  const value = alertActionValue(a);
  // Slack wants action ids unique within a message; a message listing several alerts gives
  // each alert's buttons a suffix (`alert:dismiss:3`), matched by alertActionPattern.
  const id = (base: string) => (options.idSuffix ? `${base}:${options.idSuffix}` : base);
  const button = (text: string, action_id: string, style?: 'primary' | 'danger'): Button => ({
    type: 'button',
    text: { type: 'plain_text', text },
    action_id: id(action_id),
    value,
    ...(style ? { style } : {}),
  });
  const mine = viewer ? a.assignees.some((x) => x.toLowerCase() === viewer.toLowerCase()) : false;
  const elements: Button[] = [];
  if (a.status === 'open') {
    elements.push(
      mine
        ? button('Unassign me', ALERT_ACTIONS.unassign)
        : button('Assign to me', ALERT_ACTIONS.assignMe, 'primary'),
    );
    elements.push(button('Assign to…', ALERT_ACTIONS.assignTo));
    elements.push(button(a.kind === 'code' ? 'Dismiss…' : 'Resolve…', ALERT_ACTIONS.dismiss));
    if (a.kind === 'code') elements.push(button('Autofix', ALERT_ACTIONS.autofix));
  } else {
    elements.push(button('Reopen', ALERT_ACTIONS.reopen));
  }
  if (a.htmlUrl) {
    elements.push({
      type: 'button',
      text: { type: 'plain_text', text: 'Open on GitHub' },
      action_id: id(ALERT_ACTIONS.open),
      url: a.htmlUrl,
      value,
    });
  }
  return { type: 'actions', block_id: `alert:${alertKey(a)}`, elements };
}
