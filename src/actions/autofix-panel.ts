// The autofix part of an alert message: where the fix stands and the next step. Handing an
// alert to Copilot's coding agent has no REST endpoint in GitHub's API description (only
// the web page offers it), so that button opens the alert's page and says so.
import type { AppContext } from '../app-context.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { alertActionValue } from '../slack/messages/alert-actions.ts';
import { safeText } from '../slack/mrkdwn.ts';
import type { Autofix } from './autofix-api.ts';

export const AUTOFIX_ACTIONS = {
  generate: 'autofix:generate',
  refresh: 'autofix:refresh',
  commit: 'autofix:commit',
  copilot: 'autofix:copilot',
} as const;

export const COPILOT_WHY =
  "GitHub's API has no way to hand an alert to Copilot's coding agent, so Burndown cannot do " +
  'it for you. On the alert page, choose “Assign to Copilot”.';

type Block = Record<string, unknown>;

function statusText(fix: Autofix): string {
  switch (fix.status) {
    case 'none':
      return ':robot_face: *Autofix:* no fix generated yet.';
    case 'pending':
      return ':hourglass_flowing_sand: *Autofix:* Copilot is writing a fix. Refresh to look again.';
    case 'success':
      return `:sparkles: *Autofix:* a fix is ready. ${safeText(fix.description ?? '', 1500)}`;
    case 'outdated':
      return ':warning: *Autofix:* the fix is outdated (the code changed). Generate a new one.';
    default:
      return ':x: *Autofix:* Copilot could not generate a fix for this alert.';
  }
}

export function autofixPanel(ctx: AppContext, alert: AlertSnapshot, fix: Autofix): Block[] {
  const key = alertKey(alert);
  const value = alertActionValue(alert);
  // Unique per alert, so two alerts of one message may both show their panel.
  const suffix = `${alert.repoId}-${alert.number}`;
  const button = (text: string, action_id: string, style?: 'primary') => ({
    type: 'button',
    text: { type: 'plain_text', text },
    action_id: `${action_id}:${suffix}`,
    value,
    ...(style ? { style } : {}),
  });
  const elements: Block[] = [];
  if (fix.status === 'none' || fix.status === 'error' || fix.status === 'outdated') {
    elements.push(
      button(
        fix.status === 'none' ? 'Generate fix' : 'Generate again',
        AUTOFIX_ACTIONS.generate,
        'primary',
      ),
    );
  }
  if (fix.status === 'pending') elements.push(button('Refresh', AUTOFIX_ACTIONS.refresh));
  if (fix.status === 'success' && ctx.config.AUTOFIX_COMMITS_ENABLED) {
    elements.push(button('Commit to a new branch', AUTOFIX_ACTIONS.commit, 'primary'));
  }
  if (alert.htmlUrl) {
    elements.push({ ...button('Hand to Copilot…', AUTOFIX_ACTIONS.copilot), url: alert.htmlUrl });
  }
  const notes = [COPILOT_WHY];
  if (fix.status === 'success' && !ctx.config.AUTOFIX_COMMITS_ENABLED) {
    notes.unshift(
      'Committing fixes from Slack is turned off here; review and commit it on GitHub.',
    );
  }
  return [
    {
      type: 'section',
      block_id: `autofix:${key}`,
      text: { type: 'mrkdwn', text: statusText(fix) },
    },
    ...(elements.length ? [{ type: 'actions', block_id: `autofix-actions:${key}`, elements }] : []),
    {
      type: 'context',
      block_id: `autofix-note:${key}`,
      elements: [{ type: 'mrkdwn', text: notes.join(' ') }],
    },
  ];
}
