// Fits long lists into Slack messages: each list is cut into section blocks under the
// 3,000-character section limit, and the blocks into messages under the 50-block and total
// text limits. Nothing is dropped; each piece says which items of how many it holds.
import type { KnownBlock } from '@slack/types';

export interface ListSection {
  title: string;
  lines: string[];
  /** Shown instead of the list when it is empty; omitted lists are skipped. */
  emptyText?: string;
  /** A note under the list (how credit is given, what "oldest" means). */
  note?: string;
}

// Headroom under Slack's limits (3,000 per section, 50 blocks, ~12,000 characters of
// block text per message) for headings and the escaping of a few characters.
const SECTION_CHARS = 2800;
const MESSAGE_BLOCKS = 45;
const MESSAGE_CHARS = 10_500;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function listBlocks(list: ListSection): KnownBlock[] {
  if (list.lines.length === 0) {
    return list.emptyText ? [section(`*${list.title}*\n${list.emptyText}`)] : [];
  }
  const chunks: { from: number; lines: string[] }[] = [];
  let current = { from: 0, lines: [] as string[], size: 0 };
  list.lines.forEach((line, i) => {
    if (current.lines.length && current.size + line.length + 1 > SECTION_CHARS - 80) {
      chunks.push(current);
      current = { from: i, lines: [], size: 0 };
    }
    current.lines.push(line);
    current.size += line.length + 1;
  });
  chunks.push(current);
  const n = list.lines.length;
  const blocks = chunks.map((c) => {
    const range =
      chunks.length > 1 ? ` (${c.from + 1}–${c.from + c.lines.length} of ${n})` : ` (${n})`;
    return section(`*${list.title}*${range}\n${c.lines.join('\n')}`);
  });
  if (list.note) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: list.note }] });
  return blocks;
}

function blockChars(block: KnownBlock): number {
  if (block.type === 'section') return block.text?.text.length ?? 0;
  if (block.type === 'context') {
    return block.elements.reduce((n, e) => n + ('text' in e ? e.text.length : 0), 0);
  }
  return 100;
}

/** The lists as groups of blocks, one group per message. */
export function packSections(lists: ListSection[]): KnownBlock[][] {
  const messages: KnownBlock[][] = [];
  let blocks: KnownBlock[] = [];
  let chars = 0;
  for (const block of lists.flatMap(listBlocks)) {
    const size = blockChars(block);
    if (blocks.length && (blocks.length >= MESSAGE_BLOCKS || chars + size > MESSAGE_CHARS)) {
      messages.push(blocks);
      blocks = [];
      chars = 0;
    }
    blocks.push(block);
    chars += size;
  }
  if (blocks.length) messages.push(blocks);
  return messages;
}
