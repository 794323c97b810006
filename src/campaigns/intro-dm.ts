// The one DM a developer gets when a new campaign includes alerts already assigned to them:
// what it is, why, by when, who to ask, and their alerts. Long lists are packed several
// lines per section so the message stays within Block Kit's limits.
import type { KnownBlock } from '@slack/types';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { alertLine, severityLabel } from '../slack/messages/alert-lines.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { escapeMrkdwn, link, safeText } from '../slack/mrkdwn.ts';
import { dueText } from './due-date.ts';
import { type Person, personMrkdwn } from './people.ts';

const SECTION_CHARS = 2900;
// Room for the header blocks and the closing note within Slack's 50 blocks.
const MAX_ALERT_SECTIONS = 40;

export interface IntroInput {
  campaign: CampaignRecord;
  alerts: AlertSnapshot[];
  poc?: Person;
  why: string;
  githubUrl?: string;
  tz: string;
  now: Date;
}

/** Lines packed into as few sections as fit; the rest is counted, not dropped silently. */
export function packLines(lines: string[], maxSections: number) {
  const sections: string[] = [];
  let current = '';
  let used = 0;
  for (const line of lines) {
    const next = current ? `${current}\n${line}` : line;
    if (next.length <= SECTION_CHARS) {
      current = next;
      used++;
      continue;
    }
    if (sections.length + 1 >= maxSections) break;
    sections.push(current);
    current = line.slice(0, SECTION_CHARS);
    used++;
  }
  if (current) sections.push(current);
  return { sections, left: lines.length - used };
}

export function introDm(input: IntroInput): SlackMessage {
  const { campaign: c, alerts, poc } = input;
  const n = alerts.length;
  const name = input.githubUrl ? link(input.githubUrl, c.name, 80) : safeText(c.name, 80);
  const due = dueText(c.endsAt, input.tz, input.now);
  const fields = [
    { type: 'mrkdwn' as const, text: `*Why*\n${safeText(input.why, 300)}` },
    { type: 'mrkdwn' as const, text: `*Due*\n${due}` },
    {
      type: 'mrkdwn' as const,
      text: `*Point of contact*\n${poc ? personMrkdwn(poc) : '_not set_'}`,
    },
  ];
  if (c.channelId) fields.push({ type: 'mrkdwn', text: `*Channel*\n<#${c.channelId}>` });
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `:wave: *A new security campaign includes ${n} of your alerts: ${name}*`,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: safeText(c.description, 2900) || ' ' } },
    { type: 'section', fields },
  ];
  const lines = alerts.map((a) => `• ${severityLabel(a.severity)} · ${alertLine(a, 80)}`);
  const { sections, left } = packLines(lines, MAX_ALERT_SECTIONS);
  for (const text of sections) blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });
  if (left > 0) {
    const more = input.githubUrl ? ` ${link(input.githubUrl, 'See them on GitHub')}` : '';
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${left} more.${more}` }],
    });
  }
  const who = poc ? ` Point of contact: ${escapeMrkdwn(poc.name)}.` : '';
  const text = `New campaign "${safeText(c.name, 80)}" includes ${n} of your alerts, ${due}.${who}`;
  return { text, blocks };
}
