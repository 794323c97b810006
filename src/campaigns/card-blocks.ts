// The pinned campaign card: what the campaign is, who to ask, when it is due, how far it
// got, and where to look on GitHub. Built from data only, so it can be tested and rebuilt.
import type { KnownBlock } from '@slack/types';
import { percentDone, totalOf } from '../digest/alert-totals.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { progressBar } from '../slack/messages/progress.ts';
import { escapeMrkdwn, plain, safeText } from '../slack/mrkdwn.ts';
import { buttonContactLink } from './contact-link.ts';
import { dueText } from './due-date.ts';
import { type Person, personMrkdwn } from './people.ts';

export interface CardProgress {
  open: number;
  closed: number;
  inProgress: number;
  /** Closed split by how, when Burndown knows every member alert's last state. */
  fixed?: number;
  dismissed?: number;
}

export interface CardInput {
  campaign: CampaignRecord;
  poc?: Person;
  managers: Person[];
  progress?: CardProgress;
  githubUrl?: string;
  tz: string;
  now: Date;
}

const KIND_LABEL = { code: 'code scanning', secret: 'secret scanning' } as const;

/**
 * Counted as the digest counts (GitHub's `alert_stats`): in progress is neither open nor
 * closed, so the total and the share closed are the ones the digest shows for the same day.
 */
export function progressLine(p: CardProgress | undefined): string {
  if (!p) return '_GitHub has not reported progress yet._';
  const total = totalOf(p);
  if (total === 0) return '_No alerts counted yet._';
  const how =
    p.fixed !== undefined && p.dismissed !== undefined
      ? ` (${p.fixed} fixed, ${p.dismissed} dismissed)`
      : '';
  return (
    `${progressBar(p.closed, total)} *${percentDone(p)}%* · ` +
    `${p.closed}/${total} closed${how} · ${p.open} open · ${p.inProgress} in progress`
  );
}

function linkButton(text: string, url: string, id: string) {
  return {
    type: 'button' as const,
    text: { type: 'plain_text' as const, text },
    url,
    action_id: `campaign_card_link:${id}`,
  };
}

export function campaignCard(input: CardInput): SlackMessage {
  const { campaign: c, poc, tz, now } = input;
  const closed = c.state === 'closed';
  const ask = poc
    ? `:raising_hand: *Questions? Ask ${personMrkdwn(poc)}*, the point of contact.`
    : ':raising_hand: *No point of contact is set.* Ask a manager to pick one.';
  const managers = input.managers.map(personMrkdwn);
  const teams = c.teamManagers.map((t) => `@${escapeMrkdwn(t)}`);
  const scope = c.adopted
    ? 'Alerts chosen on GitHub (totals only)'
    : `${c.members.length} ${KIND_LABEL[c.kind]} alert${c.members.length === 1 ? '' : 's'} in ` +
      `${new Set(c.members.map((m) => m.repoId)).size} repositories`;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: plain(`${closed ? 'Closed: ' : ''}${c.name}`, 150) },
    },
    { type: 'section', text: { type: 'mrkdwn', text: ask } },
    { type: 'section', text: { type: 'mrkdwn', text: safeText(c.description, 2900) || ' ' } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*Due*\n${dueText(c.endsAt, tz, now, closed)}` },
        { type: 'mrkdwn', text: `*Scope*\n${scope}` },
        {
          type: 'mrkdwn',
          text: `*Managers*\n${[...managers, ...teams].join(', ').slice(0, 1900) || '_none_'}`,
        },
        {
          type: 'mrkdwn',
          text: `*State*\n${closed ? ':lock: closed' : ':large_green_circle: open'}`,
        },
      ],
    },
    {
      type: 'section',
      text: { type: 'mrkdwn', text: `*Progress*\n${progressLine(input.progress)}` },
    },
  ];
  if (c.adopted) {
    const note =
      ':information_source: This campaign was created on GitHub. Burndown does not know which ' +
      'alerts it holds, so only GitHub’s totals are shown here.';
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: note }] });
  }
  const buttons = [];
  if (input.githubUrl) buttons.push(linkButton('Open on GitHub', input.githubUrl, 'github'));
  // A link Slack would refuse (too long, say, as set on GitHub) would sink the whole card, and
  // with it the channel's set-up; the card goes without the button instead.
  const contact = buttonContactLink(c);
  if (contact) buttons.push(linkButton('Contact', contact, 'contact'));
  if (buttons.length) blocks.push({ type: 'actions', elements: buttons });
  const number = c.number !== undefined ? `Campaign #${c.number} · ` : '';
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${number}updated ${now.toISOString().slice(0, 16)}Z` }],
  });
  const who = poc ? ` Point of contact: ${poc.name}.` : '';
  const text = `${c.name}: ${dueText(c.endsAt, tz, now, closed)}.${who}`;
  return { text: escapeMrkdwn(text), blocks };
}
