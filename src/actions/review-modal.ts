// Approve or deny a dismissal request, with a message for the person who asked (GitHub
// requires one and shows it on the request).
import type { ModalView } from '@slack/types';
import { type ActionOrigin, packOrigin } from './action-origin.ts';
import { type Decision, REVIEW_MESSAGE_MAX } from './review-dismissal.ts';

export const REVIEW_VIEW = 'dismissal:review_modal';
export const MESSAGE_BLOCK = 'message';

export function reviewModal(decision: Decision, value: string, origin: ActionOrigin): ModalView {
  const approve = decision === 'approve';
  return {
    type: 'modal',
    callback_id: REVIEW_VIEW,
    private_metadata: JSON.stringify({ v: value, d: decision, ...packOrigin(origin) }),
    title: { type: 'plain_text', text: approve ? 'Approve dismissal' : 'Deny dismissal' },
    submit: { type: 'plain_text', text: approve ? 'Approve' : 'Deny' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: MESSAGE_BLOCK,
        label: { type: 'plain_text', text: 'Message to the requester' },
        element: {
          type: 'plain_text_input',
          action_id: MESSAGE_BLOCK,
          multiline: true,
          max_length: REVIEW_MESSAGE_MAX,
          initial_value: approve ? 'Approved.' : 'Denied: please fix it instead.',
        },
      },
    ],
  };
}
