// How an alert appears in the messages people get: what (rule, severity), where (repository,
// file and line), its state now, and the buttons to act on it. A batch of alerts becomes one
// message; alerts closed on GitHub lose their buttons so Slack never offers stale actions.
import type { KnownBlock } from '@slack/types';
import type { CampaignRecord } from '../../domain/campaign.ts';
import type { AlertSnapshot } from '../../domain/types.ts';
import { link, safeText } from '../mrkdwn.ts';
import { alertActions } from './alert-actions.ts';
import { alertLine, alertPlain, severityLabel } from './alert-lines.ts';

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** Batches up to this many alerts show full buttons under each; larger ones stay compact. */
export const FULL_BUTTONS_UP_TO = 15;

/** The state an alert is in now, in words, or '' while it is open. */
export function closedLabel(a: AlertSnapshot): string {
  if (a.status === 'open') return '';
  const reason = a.closedReason ? ` (${safeText(a.closedReason, 40)})` : '';
  if (a.status === 'fixed') {
    return a.kind === 'secret'
      ? `:white_check_mark: *Fixed: revoked*`
      : ':white_check_mark: *Fixed*';
  }
  return a.kind === 'secret'
    ? `:no_entry_sign: *Dismissed: resolved${reason}*`
    : `:no_entry_sign: *Dismissed${reason}*`;
}

/** One alert as one mrkdwn line: state or severity first, then what and where. */
export function alertText(a: AlertSnapshot, maxTitle = 120): string {
  const lead = closedLabel(a) || severityLabel(a.severity);
  return `${lead} · ${alertLine(a, maxTitle)}`;
}

export interface AlertBlockOptions {
  /** GitHub login of the reader, for "Assign to me" versus "Unassign me". */
  viewer?: string;
  /** Full buttons under the alert, or only a link to GitHub beside it. */
  buttons: boolean;
  /** Distinguishes this alert's action ids from the others' in the same message. */
  idSuffix?: string;
}

export function alertBlocks(a: AlertSnapshot, o: AlertBlockOptions): KnownBlock[] {
  const text = alertText(a, o.buttons ? 120 : 80);
  if (o.buttons && a.status === 'open') {
    return [
      { type: 'section', text: { type: 'mrkdwn', text } },
      alertActions(a, o.viewer, o.idSuffix ? { idSuffix: o.idSuffix } : {}),
    ];
  }
  const accessory =
    a.htmlUrl && a.status === 'open'
      ? {
          accessory: {
            type: 'button' as const,
            text: { type: 'plain_text' as const, text: 'Open on GitHub' },
            url: a.htmlUrl,
            action_id: `open_alert:${a.kind}:${a.repoId}:${a.number}`,
          },
        }
      : {};
  return [{ type: 'section', text: { type: 'mrkdwn', text }, ...accessory }];
}

function daysLeft(endsAt: string, now: Date): string {
  const days = Math.ceil((Date.parse(endsAt) - now.getTime()) / 86_400_000);
  if (!Number.isFinite(days)) return '';
  if (days < 0) return ` (${-days} days overdue)`;
  return days === 0 ? ' (today)' : ` (${days} days left)`;
}

/**
 * Why now: the campaign, its due date and whom to ask. `contact` is already mrkdwn (a
 * mention, or the login in plain text when the person has no Slack account linked).
 */
export function campaignContext(
  c: CampaignRecord,
  now: Date,
  contact: string | undefined,
): KnownBlock {
  const name = c.htmlUrl ? link(c.htmlUrl, c.name, 80) : `*${safeText(c.name, 80)}*`;
  const due = `due *${c.endsAt.slice(0, 10)}*${daysLeft(c.endsAt, now)}`;
  const who = contact ? ` · point of contact ${contact}` : '';
  return {
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `Campaign ${name} · ${due}${who}` }],
  };
}

export function headline(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: `*${text}*` } };
}

/** A top-level fallback for notifications and screen readers: plain words, escaped. */
export function fallbackText(lead: string, alerts: AlertSnapshot[], max = 1500): string {
  const names = alerts.map(alertPlain).join('; ');
  // Cut before escaping, so an entity such as `&amp;` is never left half.
  return safeText(`${lead}${names ? `: ${names}` : '.'}`, max);
}

/** The DM for alerts assigned to one person, when everything fits one message. */
export function assignmentDm(
  alerts: AlertSnapshot[],
  campaign?: CampaignRecord,
  options: { viewer?: string; now?: Date; contact?: string } = {},
): SlackMessage {
  const count = alerts.length;
  const lead =
    count === 1
      ? `You were assigned a ${alerts[0]?.kind === 'secret' ? 'secret' : 'code'} scanning alert`
      : `You were assigned ${count} security alerts`;
  const blocks: KnownBlock[] = [headline(lead)];
  if (campaign) blocks.push(campaignContext(campaign, options.now ?? new Date(), options.contact));
  const buttons = count <= FULL_BUTTONS_UP_TO;
  for (const [i, a] of alerts.entries()) {
    const suffix = count > 1 ? String(i + 1) : undefined;
    blocks.push(...alertBlocks(a, { viewer: options.viewer, buttons, idSuffix: suffix }));
  }
  return { text: fallbackText(lead, alerts), blocks };
}
