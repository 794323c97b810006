// `/campaign close <name or number> [archive]` and `/campaign reopen <name or number>
// [unarchive]`: GitHub first, with the person's own token; the card and topic follow.
import { findCampaign } from '../../campaigns/find-campaign.ts';
import { closeCampaign, reopenCampaign } from '../../campaigns/steering.ts';
import type { CommandInput, Subcommand } from './subcommand.ts';

function target(args: string[], flag: string) {
  const withFlag = args.some((a) => a.toLowerCase() === flag);
  const rest = args.filter((a) => a.toLowerCase() !== flag).join(' ');
  return { withFlag, rest };
}

async function run(input: CommandInput, close: boolean) {
  const { ctx, args, command } = input;
  const { withFlag, rest } = target(args, close ? 'archive' : 'unarchive');
  const usage = close ? closeSubcommand.usage : reopenSubcommand.usage;
  if (!rest) return `Usage: \`/campaign ${usage}\``;
  const found = await findCampaign(ctx, rest, usage);
  if (!found.ok) return found.message;
  if (found.campaign.state === 'draft')
    return 'That campaign is a draft; there is nothing to close on GitHub.';
  return close
    ? closeCampaign(ctx, command.user_id, found.campaign, withFlag)
    : reopenCampaign(ctx, command.user_id, found.campaign, withFlag);
}

export const closeSubcommand: Subcommand = {
  name: 'close',
  usage: 'close <name or number> [archive]',
  summary: 'close a campaign on GitHub (and archive its channel if you say so)',
  run: (input) => run(input, true),
};

export const reopenSubcommand: Subcommand = {
  name: 'reopen',
  usage: 'reopen <name or number> [unarchive]',
  summary: 'reopen a closed campaign (and its channel)',
  run: (input) => run(input, false),
};
