// The Dismiss… (code) / Resolve… (secret) modal: a reason spelled by a stable key and an
// optional comment. Checked on submit before anything is sent; a bad field keeps the modal
// open with the message under it.
import type { ModalView } from '@slack/types';
import type { AlertSnapshot } from '../domain/types.ts';
import { alertActionValue } from '../slack/messages/alert-actions.ts';
import { alertLine } from '../slack/messages/alert-lines.ts';
import { plain } from '../slack/mrkdwn.ts';
import { type ActionOrigin, packOrigin } from './action-origin.ts';
import {
  CODE_COMMENT_MAX,
  type Reason,
  reasonByKey,
  reasonsFor,
  SECRET_COMMENT_MAX,
} from './dismiss-reasons.ts';

export const DISMISS_VIEW = 'alert:dismiss_modal';
export const REASON_BLOCK = 'reason';
export const COMMENT_BLOCK = 'comment';

export function dismissModal(alert: AlertSnapshot, origin: ActionOrigin): ModalView {
  const code = alert.kind === 'code';
  const max = code ? CODE_COMMENT_MAX : SECRET_COMMENT_MAX;
  const meta = { v: alertActionValue(alert), ...packOrigin(origin) };
  return {
    type: 'modal',
    callback_id: DISMISS_VIEW,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: code ? 'Dismiss alert' : 'Resolve secret alert' },
    submit: { type: 'plain_text', text: code ? 'Dismiss' : 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: alertLine(alert) } },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'static_select',
          action_id: REASON_BLOCK,
          placeholder: { type: 'plain_text', text: 'Why close it?' },
          options: reasonsFor(alert.kind).map((r) => ({
            text: { type: 'plain_text', text: r.label },
            value: r.key,
          })),
        },
      },
      {
        type: 'input',
        block_id: COMMENT_BLOCK,
        optional: true,
        label: { type: 'plain_text', text: 'Comment' },
        hint: {
          type: 'plain_text',
          text: plain(`Shown on GitHub with the alert. At most ${max} characters.`, 150),
        },
        element: {
          type: 'plain_text_input',
          action_id: COMMENT_BLOCK,
          multiline: true,
          max_length: max,
        },
      },
    ],
  };
}

export interface DismissInput {
  reason: Reason;
  comment: string;
}

type Values = Record<
  string,
  Record<string, { selected_option?: { value?: string } | null; value?: string | null }>
>;

/** The checked input, or field errors keyed by block id. */
export function readDismissInput(
  kind: AlertSnapshot['kind'],
  values: Values,
): { ok: true; input: DismissInput } | { ok: false; errors: Record<string, string> } {
  const key = values[REASON_BLOCK]?.[REASON_BLOCK]?.selected_option?.value ?? undefined;
  const comment = (values[COMMENT_BLOCK]?.[COMMENT_BLOCK]?.value ?? '').trim();
  const reason = reasonByKey(kind, key);
  const errors: Record<string, string> = {};
  if (!reason) errors[REASON_BLOCK] = 'Choose one of the reasons GitHub accepts.';
  const max = kind === 'code' ? CODE_COMMENT_MAX : SECRET_COMMENT_MAX;
  if (comment.length > max) {
    errors[COMMENT_BLOCK] =
      `GitHub accepts at most ${max} characters; this comment has ${comment.length}. ` +
      'Shorten it and submit again.';
  }
  if (!reason || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, input: { reason, comment } };
}
