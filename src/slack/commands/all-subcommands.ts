// Every `/campaign` subcommand, in the order help lists them. A capability adds its line.
import { helpSubcommand } from './help.ts';
import { listSubcommand } from './list.ts';
import type { Subcommand } from './subcommand.ts';

export function allSubcommands(): Subcommand[] {
  const list: Subcommand[] = [listSubcommand];
  return [...list, helpSubcommand(() => list)];
}
