// Per-block checks. Which blocks may appear where is decided by the caller (message or view).
import { checkElement, checkImage } from './block-kit-elements.ts';
import { type Findings, isRecord } from './block-kit-findings.ts';

export const KNOWN_BLOCKS = new Set([
  'section',
  'header',
  'context',
  'actions',
  'divider',
  'image',
  'input',
  'rich_text',
  'markdown',
]);

export function checkBlocks(f: Findings, value: unknown, path: string, max: number): void {
  const blocks = f.list(value, path, 0, max);
  for (const [i, block] of (blocks ?? []).entries()) checkBlock(f, block, `${path}/${i}`);
}

function checkBlock(f: Findings, block: unknown, path: string): void {
  if (!isRecord(block) || typeof block.type !== 'string') {
    f.error(`${path}/type`, 'missing required field: type');
    return;
  }
  if (!KNOWN_BLOCKS.has(block.type)) {
    f.error(`${path}/type`, `unknown block type ${JSON.stringify(block.type)}`);
    return;
  }
  f.id('block_id', block.block_id, `${path}/block_id`);
  switch (block.type) {
    case 'section':
      checkSection(f, block, path);
      return;
    case 'header':
      f.text(block.text, `${path}/text`, { max: 150, plainOnly: true });
      return;
    case 'context': {
      const elements = f.list(block.elements, `${path}/elements`, 1, 10) ?? [];
      for (const [i, el] of elements.entries()) {
        checkElement(f, el, `${path}/elements/${i}`, 'context');
      }
      return;
    }
    case 'actions': {
      const elements = f.list(block.elements, `${path}/elements`, 1, 25) ?? [];
      for (const [i, el] of elements.entries()) {
        checkElement(f, el, `${path}/elements/${i}`, 'actions');
      }
      return;
    }
    case 'image':
      checkImage(f, block, path);
      f.optionalText(block.title, `${path}/title`, { max: 2000, plainOnly: true });
      return;
    case 'input':
      f.text(block.label, `${path}/label`, { max: 2000, plainOnly: true });
      f.optionalText(block.hint, `${path}/hint`, { max: 2000, plainOnly: true });
      if (f.required(block.element, `${path}/element`)) {
        checkElement(f, block.element, `${path}/element`, 'input');
      }
      return;
    case 'rich_text':
      if (f.list(block.elements, `${path}/elements`, 1, Number.POSITIVE_INFINITY)) {
        f.textTotal += richTextLength(block.elements);
      }
      return;
    case 'markdown':
      if (typeof block.text !== 'string' || block.text.length === 0) {
        f.error(`${path}/text`, 'missing required field: text');
        return;
      }
      f.markdownTotal += block.text.length;
      f.textTotal += block.text.length;
      return;
  }
}

function checkSection(f: Findings, block: Record<string, unknown>, path: string): void {
  if (block.text === undefined && block.fields === undefined) {
    f.error(path, 'must provide either text or fields');
  }
  f.optionalText(block.text, `${path}/text`, { max: 3000 });
  if (block.fields !== undefined) {
    const fields = f.list(block.fields, `${path}/fields`, 1, 10) ?? [];
    for (const [i, field] of fields.entries()) {
      f.text(field, `${path}/fields/${i}`, { max: 2000 });
    }
  }
  if (block.accessory !== undefined) {
    checkElement(f, block.accessory, `${path}/accessory`, 'section');
  }
}

/** Sums the `text` leaves of a rich_text tree, which is what the reader actually sees. */
function richTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + richTextLength(v), 0);
  if (!isRecord(value)) return 0;
  let n = typeof value.text === 'string' ? value.text.length : 0;
  if (value.elements !== undefined) n += richTextLength(value.elements);
  return n;
}
