// The App Home tab: what is mine (open alerts assigned to me across campaigns, soonest due
// first, each with a button to open it) and the campaigns I manage with their progress.
import type { KnownBlock } from '@slack/types';
import { percentDone, remaining, type Totals, totalOf } from '../../digest/alert-totals.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import type { AlertSnapshot, Severity } from '../../domain/types.ts';
import { ALERT_ACTIONS, alertActionValue } from '../messages/alert-actions.ts';
import { progressBar } from '../messages/progress.ts';
import { link, safeText } from '../mrkdwn.ts';

export interface HomeInput {
  /** The viewer's GitHub login, when linked. */
  login?: string;
  /** For a viewer not linked yet: how to get linked here (mrkdwn); `/campaign link` if unset. */
  linkHint?: string;
  assigned: { alert: AlertSnapshot; campaign: CampaignRecord }[];
  managed: { campaign: CampaignRecord; totals: Totals; url?: string }[];
}

export interface HomeView {
  type: 'home';
  blocks: KnownBlock[];
}

// Slack allows 100 blocks in a Home tab; this leaves room for headers and notes.
const MAX_ALERTS = 50;
const MAX_CAMPAIGNS = 20;
const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, unknown: 4 };

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
const note = (text: string): KnownBlock => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text }],
});
const header = (text: string): KnownBlock => ({
  type: 'header',
  text: { type: 'plain_text', text },
});

function alertBlock(
  { alert: a, campaign: c }: HomeInput['assigned'][number],
  i: number,
): KnownBlock {
  const text =
    `*${safeText(a.title, 120)}*\n${safeText(a.repo, 100)}#${a.number} · ` +
    `${safeText(c.name, 60)} · due *${c.endsAt.slice(0, 10)}*`;
  if (!a.htmlUrl) return section(text);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text },
    accessory: {
      type: 'button',
      text: { type: 'plain_text', text: 'Open on GitHub' },
      // Action ids must be unique within a view; the suffix keeps them apart.
      action_id: `${ALERT_ACTIONS.open}:${i}`,
      url: a.htmlUrl,
      value: alertActionValue(a),
    },
  };
}

function campaignBlock({ campaign: c, totals, url }: HomeInput['managed'][number]): KnownBlock {
  const name = url ? link(url, c.name, 80) : safeText(c.name, 80);
  return section(
    `*${name}*\n${progressBar(totals.closed, totalOf(totals))} ${percentDone(totals)}% done · ` +
      `${remaining(totals)} open · due ${c.endsAt.slice(0, 10)}`,
  );
}

export function homeView(input: HomeInput): HomeView {
  if (!input.login) {
    return {
      type: 'home',
      blocks: [
        header('Burndown'),
        section(
          input.linkHint
            ? `Burndown does not know your GitHub account yet. ${input.linkHint} Then this ` +
                'tab shows the alerts assigned to you and the campaigns you manage.'
            : 'Burndown does not know your GitHub account yet. Link it with `/campaign link` ' +
                'to see the alerts assigned to you and the campaigns you manage.',
        ),
      ],
    };
  }
  const assigned = [...input.assigned].sort(
    (x, y) =>
      x.campaign.endsAt.localeCompare(y.campaign.endsAt) ||
      RANK[x.alert.severity] - RANK[y.alert.severity] ||
      x.alert.createdAt.localeCompare(y.alert.createdAt),
  );
  const blocks: KnownBlock[] = [header(`Assigned to you (${assigned.length})`)];
  if (!assigned.length) blocks.push(section('_No open alerts assigned to you. Nice._'));
  blocks.push(...assigned.slice(0, MAX_ALERTS).map(alertBlock));
  if (assigned.length > MAX_ALERTS) {
    blocks.push(note(`Showing the ${MAX_ALERTS} due soonest of ${assigned.length}.`));
  }
  if (input.managed.length) {
    blocks.push({ type: 'divider' }, header(`Campaigns you manage (${input.managed.length})`));
    blocks.push(...input.managed.slice(0, MAX_CAMPAIGNS).map(campaignBlock));
    if (input.managed.length > MAX_CAMPAIGNS) {
      blocks.push(note(`Showing ${MAX_CAMPAIGNS} of ${input.managed.length}.`));
    }
  }
  return { type: 'home', blocks };
}
