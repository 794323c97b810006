// Every `/campaign` subcommand, in the order help lists them. A capability adds its line.
import { auditSubcommand } from '../../audit/audit-subcommand.ts';
import { adoptSubcommand } from './adopt.ts';
import { closeSubcommand, reopenSubcommand } from './close.ts';
import { digestSubcommand } from './digest.ts';
import { editSubcommand } from './edit.ts';
import { helpSubcommand } from './help.ts';
import { linkSubcommand } from './link.ts';
import { listSubcommand } from './list.ts';
import { mapSubcommand } from './map.ts';
import { mapTeamSubcommand } from './map-team.ts';
import { newSubcommand } from './new.ts';
import { notifySubcommand } from './notify.ts';
import { showSubcommand } from './show.ts';
import type { Subcommand } from './subcommand.ts';
import { unlinkSubcommand } from './unlink.ts';
import { whoamiSubcommand } from './whoami.ts';
import { whoisSubcommand } from './whois.ts';

export function allSubcommands(): Subcommand[] {
  const list: Subcommand[] = [listSubcommand];
  list.push(newSubcommand, showSubcommand, editSubcommand, closeSubcommand, reopenSubcommand);
  list.push(adoptSubcommand);
  list.push(linkSubcommand, unlinkSubcommand, whoamiSubcommand, whoisSubcommand);
  list.push(mapSubcommand, mapTeamSubcommand);
  list.push(auditSubcommand);
  list.push(notifySubcommand);
  list.push(digestSubcommand);
  return [...list, helpSubcommand(() => list)];
}
