// `/campaign help`: every subcommand with its usage, from the same list the router uses,
// so help can never fall out of step with what exists.
import type { KnownBlock } from '@slack/types';
import type { SlackMessage } from '../messages/assignment-dm.ts';
import type { Subcommand } from './subcommand.ts';

export function usageMessage(all: Subcommand[], intro?: string): SlackMessage {
  const lines = all
    .filter((s) => !s.adminOnly)
    .map((s) => `• \`/campaign ${s.usage}\`: ${s.summary}`);
  const admin = all
    .filter((s) => s.adminOnly)
    .map((s) => `• \`/campaign ${s.usage}\`: ${s.summary}`);
  const blocks: KnownBlock[] = [];
  if (intro) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: intro } });
  blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*Usage*\n${lines.join('\n')}` } });
  if (admin.length) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Admins*\n${admin.join('\n')}` },
    });
  }
  const text = [intro, 'Usage:', ...all.map((s) => `/campaign ${s.usage}: ${s.summary}`)]
    .filter(Boolean)
    .join('\n');
  return { text, blocks };
}

export function helpSubcommand(all: () => Subcommand[]): Subcommand {
  return {
    name: 'help',
    aliases: ['?', '-h', '--help'],
    usage: 'help',
    summary: 'show this list',
    run: async () => usageMessage(all()),
  };
}
