// Renders what the Slack double received as the text a person would read: mrkdwn links
// become "label (url)", mentions become names, buttons are listed in brackets.
import type { SlackDouble } from '../doubles/slack/index.ts';

type Block = Record<string, unknown>;

export function readable(text: string, names: Record<string, string> = {}): string {
  return (
    text
      .replace(/<@([UW][A-Z0-9]+)>/g, (_, id: string) => `@${names[id] ?? id}`)
      .replace(
        /<!subteam\^([A-Z0-9]+)(?:\|([^>]+))?>/g,
        (_, id: string, l?: string) => `@${l ?? id}`,
      )
      .replace(/<#([CGD][A-Z0-9]+)(?:\|([^>]+))?>/g, (_, id: string, l?: string) => `#${l ?? id}`)
      // Dates render in each reader's time zone; the fallback text is what the tour can show.
      .replace(/<!date\^[^|>]+\|([^>]+)>/g, '$1')
      .replace(/<(https?:[^|>]+)\|([^>]+)>/g, '$2')
      .replace(/<(https?:[^>]+)>/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  );
}

function textOf(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const t = (value as { text?: unknown }).text;
  return typeof t === 'string' ? t : '';
}

export function renderBlocks(blocks: Block[], names: Record<string, string>): string[] {
  const lines: string[] = [];
  for (const b of blocks) {
    const type = b.type;
    if (type === 'header') lines.push(`== ${textOf(b.text)} ==`);
    else if (type === 'divider') lines.push('────────');
    else if (type === 'section') {
      const main = textOf(b.text);
      if (main) lines.push(readable(main, names));
      for (const f of (b.fields as Block[] | undefined) ?? [])
        lines.push(`  ${readable(textOf(f), names)}`);
      const acc = b.accessory as Block | undefined;
      if (acc?.type === 'button') lines.push(`  [${textOf(acc.text)}]`);
    } else if (type === 'context') {
      const parts = ((b.elements as Block[] | undefined) ?? []).map((e) =>
        readable(textOf(e), names),
      );
      lines.push(`  ${parts.join(' ')}`);
    } else if (type === 'actions') {
      const buttons = ((b.elements as Block[] | undefined) ?? []).map((e) => `[${textOf(e.text)}]`);
      lines.push(`  ${buttons.join(' ')}`);
    } else if (type === 'image') lines.push(`  (image: ${String(b.alt_text ?? '')})`);
    else if (type === 'input') lines.push(`  ${textOf(b.label)}: ____`);
  }
  return lines;
}

export function userNames(slack: SlackDouble): Record<string, string> {
  const names: Record<string, string> = {};
  for (const u of slack.state.users.values()) names[u.id] = u.real_name ?? u.name;
  return names;
}

/** A message (text + blocks) as indented readable lines. */
export function renderMessage(
  message: { text?: unknown; blocks?: unknown; files?: unknown },
  names: Record<string, string>,
  indent = '    ',
): string {
  const blocks = Array.isArray(message.blocks) ? (message.blocks as Block[]) : [];
  const text = readable(String(message.text ?? ''), names);
  const files = Array.isArray(message.files) ? message.files.length : 0;
  // An upload arrives as a message with no text of its own; say what a reader would see.
  const lines = blocks.length
    ? renderBlocks(blocks, names)
    : [text || (files ? `(uploaded: ${files === 1 ? 'a file' : `${files} files`})` : '')];
  return lines
    .flatMap((l) => l.split('\n'))
    .map((l) => `${indent}${l}`)
    .join('\n');
}
