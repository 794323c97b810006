// The digest as Slack messages: a short parent (the numbers, the projection, what needs
// attention) and the details as thread replies, packed so that every list is complete and
// each message stays within Block Kit's limits.
import type { KnownBlock } from '@slack/types';
import type { AlertSnapshot } from '../domain/types.ts';
import { alertBlocks, type SlackMessage } from '../slack/messages/assignment-dm.ts';
import { progressBar } from '../slack/messages/progress.ts';
import { link, plain, safeText } from '../slack/mrkdwn.ts';
import { totalOf } from './alert-totals.ts';
import type { DigestData } from './digest-data.ts';
import {
  assigneesText,
  compactAlertLine,
  countsLine,
  daysLeftText,
  type PersonLabel,
  projectionPlain,
  projectionText,
} from './digest-lines.ts';
import { type ListSection, packSections } from './pack-sections.ts';

export interface DigestMessages {
  parent: SlackMessage;
  replies: SlackMessage[];
}

const LEADERBOARD_SIZE = 10;
/** Unassigned alerts offered with buttons in the channel's thread, oldest first. */
export const UP_FOR_GRABS = 10;
const DAY_MS = 86_400_000;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const context = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text }],
});

function parentMessage(
  d: DigestData,
  person: PersonLabel,
  campaignUrl: string | undefined,
  privately: boolean,
): SlackMessage {
  const t = d.totals;
  const total = totalOf(t);
  const name = campaignUrl
    ? link(campaignUrl, d.campaign.name, 120)
    : safeText(d.campaign.name, 120);
  const top = d.leaderboard[0];
  const attention = d.alertsKnown
    ? [
        `*${d.unassigned.length}* unassigned`,
        `*${d.newlyFixed.length}* newly fixed`,
        top ? `most fixes this week: ${person(top.login)} (${top.fixed})` : 'no fixes this week',
      ].join(' · ')
    : '_Adopted from GitHub: Burndown knows the totals only._';
  const since = d.sinceDay ? `Changes since the digest of ${d.sinceDay}.` : 'First digest.';
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: plain(`Digest: ${d.campaign.name}`, 150) },
    },
    section(
      `${name}\n${progressBar(t.closed, total)} *${d.percent}% done* · ${t.closed} of ${total} ` +
        `closed\n${countsLine(t, d.delta)}\nDue *${d.dueDay}* · ${daysLeftText(d.daysLeft)}\n` +
        projectionText(d.projection),
    ),
    section(attention),
    context(
      privately ? `${since} Details follow.` : `${since} Details and the chart are in the thread.`,
    ),
  ];
  // The fallback is the notification, which Slack parses for mentions like any mrkdwn.
  const text =
    `Digest for ${safeText(d.campaign.name, 120)}: ${d.percent}% done, ${t.open} open, ` +
    `${t.inProgress} in progress, ${t.closed} closed; ${daysLeftText(d.daysLeft)}; ` +
    `${projectionPlain(d.projection)}.`;
  return { text, blocks };
}

function ageDays(createdAt: string, today: string): number {
  return Math.max(
    0,
    Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(createdAt)) / DAY_MS),
  );
}

/**
 * The oldest unassigned alerts with their buttons, so that whoever reads the digest can take
 * one (or hand it to a teammate) without leaving Slack. The buttons act with the clicking
 * person's own GitHub sign-in, like everywhere else.
 */
function upForGrabs(d: DigestData, name: string): SlackMessage | null {
  const offered = d.unassigned.slice(0, UP_FOR_GRABS);
  const n = d.unassigned.length;
  if (!offered.length) return null;
  const heading =
    n > offered.length
      ? `*Up for grabs: the ${offered.length} oldest of ${n} unassigned alerts*`
      : `*Up for grabs: ${n} unassigned alert${n === 1 ? '' : 's'}*`;
  return {
    text: `${n} unassigned alert${n === 1 ? '' : 's'} in ${name}, up for grabs`,
    blocks: [
      section(`${heading}\nTake one, or assign it to a teammate. Oldest first.`),
      ...offered.flatMap((a, i) => alertBlocks(a, { buttons: true, idSuffix: `g${i}` })),
    ],
  };
}

function detailLists(d: DigestData, person: PersonLabel, withButtons: boolean): ListSection[] {
  const shown = d.leaderboard.slice(0, LEADERBOARD_SIZE);
  const n = d.uncreditedFixes;
  const uncredited = n ? ` ${n} fixed alert${n === 1 ? ' had' : 's had'} nobody assigned.` : '';
  const age = (a: AlertSnapshot) => ` · ${ageDays(a.createdAt, d.today)} days old`;
  return [
    {
      title: d.sinceDay ? `Newly fixed since ${d.sinceDay}` : 'Fixed in the last 7 days',
      lines: d.newlyFixed.map((a) => `• ${compactAlertLine(a, ` · ${assigneesText(a, person)}`)}`),
      emptyText: '_None yet._',
    },
    {
      title:
        d.leaderboard.length > LEADERBOARD_SIZE
          ? `Who fixed most this week, top ${LEADERBOARD_SIZE} of ${d.leaderboard.length}`
          : 'Who fixed most this week',
      lines: shown.map((e, i) => `${i + 1}. ${person(e.login)}: ${e.fixed} fixed`),
      emptyText: '_Nobody yet. The first fix tops the board._',
      note: `Each fix is credited to the alert's assignee when it was fixed.${uncredited}`,
    },
    {
      title: 'Unassigned alerts',
      // When every unassigned alert is up for grabs with its buttons, listing them here as
      // well would only say the same thing twice.
      lines:
        withButtons && d.unassigned.length <= UP_FOR_GRABS
          ? []
          : d.unassigned.map((a) => `• ${compactAlertLine(a, age(a))}`),
      ...(withButtons && d.unassigned.length
        ? {}
        : { emptyText: '_Every open alert has an owner._' }),
    },
    {
      title: 'Oldest open alerts',
      lines: d.oldest.map(
        (a) => `• ${compactAlertLine(a, `${age(a)} · ${assigneesText(a, person)}`)}`,
      ),
      emptyText: '_No open alerts._',
    },
  ];
}

export function digestMessages(
  d: DigestData,
  person: PersonLabel,
  campaignUrl?: string,
  options: { privately?: boolean } = {},
): DigestMessages {
  const parent = parentMessage(d, person, campaignUrl, options.privately ?? false);
  if (!d.alertsKnown) {
    const more = campaignUrl ? ` See the alerts on ${link(campaignUrl, 'GitHub')}.` : '';
    const text =
      'This campaign was adopted from GitHub, which shares its totals but not its alerts, ' +
      `so there are no lists here.${more}`;
    return { parent, replies: [{ text: plainOf(text), blocks: [section(text)] }] };
  }
  const withButtons = !options.privately;
  const groups = packSections(detailLists(d, person, withButtons));
  const name = safeText(d.campaign.name, 120);
  const replies = groups.map((blocks, i) => ({
    text: `Digest details for ${name} (part ${i + 1} of ${groups.length})`,
    blocks,
  }));
  // Private answers are ephemeral, and Slack cannot edit those in place after a click.
  const grabs = withButtons ? upForGrabs(d, name) : null;
  return { parent, replies: grabs ? [...replies, grabs] : replies };
}

function plainOf(mrkdwn: string): string {
  return mrkdwn.replace(/<[^|>]+\|([^>]+)>/g, '$1');
}
