// "Assign to…": pick a Slack user; Burndown finds their GitHub login from its identity links.
// Someone Burndown cannot map is refused in the modal, before anything is sent.
import type { ModalView } from '@slack/types';
import type { AlertSnapshot } from '../domain/types.ts';
import { alertActionValue } from '../slack/messages/alert-actions.ts';
import { alertLine } from '../slack/messages/alert-lines.ts';
import { type ActionOrigin, packOrigin } from './action-origin.ts';

export const ASSIGN_VIEW = 'alert:assign_modal';
export const ASSIGNEE_BLOCK = 'assignee';

export function assignToModal(alert: AlertSnapshot, origin: ActionOrigin): ModalView {
  const single = alert.kind === 'secret';
  return {
    type: 'modal',
    callback_id: ASSIGN_VIEW,
    private_metadata: JSON.stringify({ v: alertActionValue(alert), ...packOrigin(origin) }),
    title: { type: 'plain_text', text: 'Assign alert' },
    submit: { type: 'plain_text', text: 'Assign' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: alertLine(alert) } },
      {
        type: 'input',
        block_id: ASSIGNEE_BLOCK,
        label: { type: 'plain_text', text: 'Assign to' },
        hint: {
          type: 'plain_text',
          text: single
            ? 'A secret alert has one assignee; this replaces the current one.'
            : 'Added to the current assignees. They need write access to the repository.',
        },
        element: { type: 'users_select', action_id: ASSIGNEE_BLOCK },
      },
    ],
  };
}
