// `/campaign audit <campaign name or number> [csv|jsonl]`: what people did to a campaign's
// alerts from Slack. Only the campaign's managers (and Burndown admins) may read it; `all`
// (admins only) reads the global log. Exports go to the person's DM, never to the channel
// the command was typed in, since the log names people and their comments.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import { findCampaign } from '../campaigns/find-campaign.ts';
import { isAdmin } from '../identity/authorize.ts';
import type { Subcommand } from '../slack/commands/subcommand.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { type AuditFormat, auditExport } from './audit-export.ts';
import { type AuditEntry, AuditLog } from './audit-log.ts';

const USAGE = '`/campaign audit <campaign name or number> [csv|jsonl]`';
const SHOWN = 15;
const PER_SECTION = 5;

function entryLine(e: AuditEntry): string {
  const who = `<@${e.slackUserId}>${e.githubLogin ? ` (${safeText(e.githubLogin, 40)})` : ''}`;
  const why = e.reason ? ` · ${safeText(e.reason, 60)}` : '';
  const mark = e.result === 'ok' || e.result === 'requested' ? ':white_check_mark:' : ':x:';
  const at = `${e.at.slice(0, 16).replace('T', ' ')} UTC`;
  const what = `*${e.action}* ${safeText(e.repo, 80)}#${e.number}`;
  return `${at} · ${who} · ${what}${why} · ${mark} ${e.result}`;
}

function summary(title: string, entries: AuditEntry[], exportHint: string): SlackMessage {
  const recent = entries.slice(-SHOWN).reverse();
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Audit: ${title}`.slice(0, 150) } },
  ];
  for (let i = 0; i < recent.length; i += PER_SECTION) {
    const lines = recent.slice(i, i + PER_SECTION).map(entryLine);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } });
  }
  const count = entries.length;
  const none = count === 0 ? 'Nobody has acted on these alerts from Slack yet. ' : '';
  const noun = count === 1 ? 'entry' : 'entries';
  const more = count > SHOWN ? `Newest ${SHOWN} of ${count} shown. ` : `${count} ${noun}. `;
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${none}${count ? more : ''}${exportHint}` }],
  });
  return { text: `Audit trail of ${safeText(title, 80)}: ${count} ${noun}.`, blocks };
}

async function upload(
  ctx: AppContext,
  userId: string,
  title: string,
  entries: AuditEntry[],
  format: AuditFormat,
): Promise<string> {
  const opened = await ctx.slack.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) return 'Could not open a DM with you to send the file.';
  const slug =
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'audit';
  await ctx.slack.files.uploadV2({
    channel_id: channel,
    filename: `audit-${slug}.${format === 'csv' ? 'csv' : 'jsonl'}`,
    title: `Audit trail: ${title}`,
    content: auditExport(entries, format),
    // Shown as a message with the file, parsed as mrkdwn; the title is shown as typed.
    initial_comment: `Audit trail of ${safeText(title, 80)}: ${entries.length} entries.`,
  });
  const kind = format === 'csv' ? 'CSV' : 'JSON lines';
  const name = safeText(title, 80);
  return `Sent the audit trail of ${name} (${entries.length}) to your DM as ${kind}.`;
}

export const auditSubcommand: Subcommand = {
  name: 'audit',
  usage: 'audit <campaign name or number> [csv|jsonl]',
  summary:
    'who did what to a campaign’s alerts from Slack (managers only); export as CSV or JSON lines',
  async run({ ctx, command, args }) {
    const words = [...args];
    const last = words.at(-1)?.toLowerCase();
    const format: AuditFormat | undefined =
      last === 'csv' ? 'csv' : last === 'jsonl' || last === 'json' ? 'jsonl' : undefined;
    if (format) words.pop();
    const name = words.join(' ').trim();
    if (!name) return `Which campaign? Use ${USAGE}.`;
    const userId = command.user_id;
    const admin = await isAdmin(ctx, userId);

    let title: string;
    let entries: AuditEntry[];
    if (name.toLowerCase() === 'all') {
      if (!admin) return 'Only Burndown admins can read the audit trail of every campaign.';
      title = 'all campaigns';
      entries = await new AuditLog(ctx.kv).list(null);
    } else {
      // Found as every other subcommand finds campaigns, so a name several campaigns share
      // gets the same answer here as in `show` or `close`: use the number.
      const found = await findCampaign(ctx, name);
      if (!found.ok) {
        // `audit 1 xml`: the campaign exists and the last word is a format we do not write.
        const unknownFormat =
          words.length > 1 && (await findCampaign(ctx, words.slice(0, -1).join(' '))).ok;
        if (unknownFormat) {
          return `Unknown export format “${safeText(words.at(-1) ?? '', 20)}”: use csv or jsonl.`;
        }
        return `${found.message} Usage: ${USAGE}.`;
      }
      const campaign = found.campaign;
      const link = await ctx.repos.identities.bySlackUser(userId);
      const login = link?.githubLogin.toLowerCase();
      const manager =
        login !== undefined && campaign.managers.some((m) => m.toLowerCase() === login);
      if (!manager && !admin) {
        ctx.logger.info(
          { slackUser: userId, campaign: campaign.id },
          'audit refused; not a manager',
        );
        return `Only the managers of ${safeText(campaign.name, 80)} can read its audit trail.`;
      }
      title = campaign.name;
      entries = await new AuditLog(ctx.kv).list(campaign.id);
    }
    if (format) return upload(ctx, userId, title, entries, format);
    const hint = `Export with \`/campaign audit ${safeText(name, 60)} csv\` or \`… jsonl\`.`;
    return summary(title, entries, hint);
  },
};
