// The shape of one `/campaign` subcommand. Each capability adds its own module and one line
// to the list in all-subcommands.ts; the router gives usage for anything it does not know.
import type { RespondFn, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../app-context.ts';
import type { SlackMessage } from '../messages/assignment-dm.ts';

export interface CommandInput {
  ctx: AppContext;
  command: SlashCommand;
  /** Words after the subcommand name, quotes respected. */
  args: string[];
  /** The raw text after the subcommand name. */
  rest: string;
  /** Replies privately to the person (ephemeral), or in channel when asked. */
  respond: RespondFn;
  client: WebClient;
}

export interface Subcommand {
  name: string;
  /** Other names people type for it. */
  aliases?: string[];
  /** One line, shown in help: `list [open|closed|drafts]`. */
  usage: string;
  summary: string;
  /** Listed under help for everyone, or only mentioned to admins. */
  adminOnly?: boolean;
  /**
   * Runs after the command was acknowledged. Opening a modal must happen first thing
   * (a trigger_id lives 3 seconds), so `opensModal` subcommands run before anything slow.
   */
  run(input: CommandInput): Promise<SlackMessage | string | undefined>;
}
