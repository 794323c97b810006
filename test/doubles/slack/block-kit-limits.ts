// Block Kit limits as Slack enforces them, reusable outside the double:
// `checkMessage` for chat.* payloads and `checkView` for modals and Home tabs.
import { checkBlocks } from './block-kit-blocks.ts';
import { Findings, isRecord, type Problem } from './block-kit-findings.ts';

export type { Problem, ProblemCode, ProblemSeverity } from './block-kit-findings.ts';

export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  // Slack documents no sum, but rejects near 13.2k (bolt-js#2509); we stop earlier on purpose.
  totalBlockText: 12_000,
  markdownTotal: 12_000,
  privateMetadata: 3000,
  viewBytes: 250_000,
  viewTitle: 24,
} as const;

export interface MessagePayload {
  text?: unknown;
  blocks?: unknown;
  markdown_text?: unknown;
  attachments?: unknown;
}

/** Problems with a chat.postMessage / postEphemeral / update payload (blocks already parsed). */
export function checkMessage(payload: MessagePayload): Problem[] {
  const f = new Findings('invalid_blocks');
  if (payload.blocks !== undefined) {
    checkBlocks(f, payload.blocks, '/blocks', LIMITS.messageBlocks);
    if (f.markdownTotal > LIMITS.markdownTotal) {
      f.error('/blocks', `markdown blocks exceed ${LIMITS.markdownTotal} characters in total`);
    }
    if (f.textTotal > LIMITS.totalBlockText) {
      const msg = `blocks hold ${f.textTotal} characters, over ${LIMITS.totalBlockText}`;
      f.error('/blocks', msg, 'msg_blocks_too_long');
    }
    const hasText = typeof payload.text === 'string' && payload.text.trim() !== '';
    if (Array.isArray(payload.blocks) && payload.blocks.length > 0 && !hasText) {
      // Slack accepts this with a warning; screen readers and notifications then get nothing.
      f.policy(
        '/text',
        'blocks were sent without a top-level text fallback',
        'missing_text_fallback',
      );
    }
  }
  if (typeof payload.text === 'string' && payload.text.length > LIMITS.messageText) {
    f.policy('/text', `text over ${LIMITS.messageText} characters is truncated`, 'text_truncated');
  }
  return f.problems;
}

/** Problems with a modal or Home tab view (already parsed). */
export function checkView(view: unknown): Problem[] {
  const f = new Findings('invalid_arguments');
  if (!isRecord(view)) {
    f.error('/view', 'must be a view object');
    return f.problems;
  }
  if (view.type !== 'modal' && view.type !== 'home') {
    f.error('/view/type', 'must be one of modal, home');
  }
  checkBlocks(f, view.blocks, '/view/blocks', LIMITS.viewBlocks);
  const title = { max: LIMITS.viewTitle, plainOnly: true };
  if (view.type === 'modal') {
    f.text(view.title, '/view/title', title);
    f.optionalText(view.submit, '/view/submit', title);
    f.optionalText(view.close, '/view/close', title);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some(isInputBlock);
    if (hasInput && view.submit === undefined) {
      f.error('/view/submit', 'submit is required when a view has input blocks');
    }
  }
  f.maxLength(view.private_metadata, '/view/private_metadata', LIMITS.privateMetadata);
  f.maxLength(view.callback_id, '/view/callback_id', 255);
  f.maxLength(view.external_id, '/view/external_id', 255);
  const bytes = Buffer.byteLength(JSON.stringify(view));
  if (bytes > LIMITS.viewBytes) {
    f.error('/view', `view is ${bytes} bytes, over ${LIMITS.viewBytes}`, 'view_too_large');
  }
  return f.problems;
}

function isInputBlock(block: unknown): boolean {
  return isRecord(block) && block.type === 'input';
}

/** The error Slack answers with for these problems, or undefined when it would accept them. */
export function rejectionCode(problems: readonly Problem[]): string | undefined {
  const errors = problems.filter((p) => p.severity === 'error');
  // Size errors win: Slack checks the whole payload before looking inside blocks.
  for (const code of ['view_too_large', 'msg_blocks_too_long'] as const) {
    if (errors.some((p) => p.code === code)) return code;
  }
  return errors[0]?.code;
}
