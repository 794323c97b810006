// The DM a developer gets when alerts are assigned to them: what, where, why now, and a
// button to open each alert on GitHub. Several alerts become one message.
import type { KnownBlock } from '@slack/types';
import type { CampaignRecord } from '../../domain/campaign.ts';
import type { AlertSnapshot } from '../../domain/types.ts';
import { link, safeText } from '../mrkdwn.ts';
import { alertLine, alertPlain, severityLabel } from './alert-lines.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

// Slack allows 50 blocks a message; keep room for the header and the footer.
const MAX_ALERT_BLOCKS = 40;

function campaignLine(c: CampaignRecord | undefined): string {
  if (!c) return '';
  const due = c.endsAt.slice(0, 10);
  const name = c.htmlUrl ? link(c.htmlUrl, c.name, 80) : safeText(c.name, 80);
  return `Part of campaign ${name}, due *${due}*.`;
}

export function assignmentDm(alerts: AlertSnapshot[], campaign?: CampaignRecord): SlackMessage {
  const count = alerts.length;
  const first = alerts[0];
  const headline =
    count === 1 && first
      ? `You were assigned a ${first.kind === 'code' ? 'code scanning' : 'secret scanning'} alert`
      : `You were assigned ${count} security alerts`;
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
  ];
  const why = campaignLine(campaign);
  if (why) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: why }] });

  for (const a of alerts.slice(0, MAX_ALERT_BLOCKS)) {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${severityLabel(a.severity)} · ${alertLine(a)}` },
      ...(a.htmlUrl
        ? {
            accessory: {
              type: 'button',
              text: { type: 'plain_text', text: 'Open on GitHub' },
              url: a.htmlUrl,
              action_id: `open_alert:${a.kind}:${a.repoId}:${a.number}`,
            },
          }
        : {}),
    });
  }
  if (count > MAX_ALERT_BLOCKS) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${count - MAX_ALERT_BLOCKS} more in this batch.` }],
    });
  }
  const text = count === 1 && first ? `${headline}: ${alertPlain(first)}` : `${headline}.`;
  return { text, blocks };
}
