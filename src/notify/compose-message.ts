// Turns the notices waiting for one recipient into as few messages as Block Kit allows:
// normally one. Each alert appears once, in its latest state; a message is split only when
// one cannot hold everything (50 blocks, and Slack's cap on the text of all blocks).
import type { KnownBlock } from '@slack/types';
import type { CampaignRecord } from '../domain/campaign.ts';
import { alertKey } from '../domain/types.ts';
import {
  alertBlocks,
  campaignContext,
  FULL_BUTTONS_UP_TO,
  fallbackText,
  headline,
  type SlackMessage,
} from '../slack/messages/assignment-dm.ts';
import {
  closureBlock,
  plainAlertBlock,
  unreachableBlock,
} from '../slack/messages/notice-blocks.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { type AlertNotice, isAlertNotice, type PendingNotice } from './notice.ts';

const MAX_BLOCKS = 50;
// Slack refuses messages whose blocks hold about 13k characters in all; stay well below, with
// room for an alert to grow when it is later redrawn in a new state.
const MAX_TEXT = 10_000;

export interface ComposeContext {
  now: Date;
  /** A person's DM (true) or a campaign channel (false). */
  direct: boolean;
  viewer?: string;
  campaigns: Map<string, CampaignRecord>;
  /** GitHub login → mrkdwn: a mention, or the login in plain text. */
  people: Map<string, string>;
  /** Full buttons under each alert (small batches) or a compact list. */
  buttons: boolean;
  continued?: boolean;
}

const ORDER = ['assigned', 'dismissed', 'fixed', 'reopened', 'unassigned', 'unreachable'];

/** Visible characters in blocks, counted the way Slack caps them. */
export function blockTextLength(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + blockTextLength(v), 0);
  if (!value || typeof value !== 'object') return 0;
  const o = value as Record<string, unknown>;
  let n =
    (o.type === 'mrkdwn' || o.type === 'plain_text') && typeof o.text === 'string'
      ? o.text.length
      : 0;
  for (const [k, v] of Object.entries(o))
    if (k !== 'text' || typeof v !== 'string') n += blockTextLength(v);
  return n;
}

function count(n: number, one: string, many: string): string {
  return n === 1 ? one : many.replace('#', String(n));
}

export function renderNotices(notices: PendingNotice[], c: ComposeContext): SlackMessage {
  const blocks: KnownBlock[] = [];
  const leads: string[] = [];
  const of = (type: string) =>
    notices.map((p) => p.notice).filter((n): n is AlertNotice => n.type === type);
  const more = c.continued ? ' (continued)' : '';
  const person = (login?: string) =>
    login ? (c.people.get(login) ?? safeText(login, 40)) : undefined;

  const assigned = of('assigned');
  if (assigned.length) {
    const lead = c.direct
      ? count(
          assigned.length,
          'You were assigned a security alert',
          'You were assigned # security alerts',
        )
      : count(assigned.length, 'An alert was assigned', '# alerts were assigned');
    leads.push(lead);
    blocks.push(headline(lead + more));
    let campaignId: string | undefined;
    const suffixed = c.buttons && assigned.length > 1;
    for (const [i, n] of assigned.entries()) {
      const campaign = n.campaignId ? c.campaigns.get(n.campaignId) : undefined;
      if (campaign && campaign.id !== campaignId) {
        blocks.push(campaignContext(campaign, c.now, person(campaign.managers[0])));
      }
      campaignId = campaign?.id;
      const idSuffix = suffixed ? String(i + 1) : undefined;
      blocks.push(...alertBlocks(n.alert, { viewer: c.viewer, buttons: c.buttons, idSuffix }));
    }
  }
  const closed = [...of('dismissed'), ...of('fixed')];
  if (closed.length) {
    const verb = closed.every((n) => n.type === 'fixed') ? 'fixed' : 'closed';
    const lead = count(
      closed.length,
      `An alert was ${verb} on GitHub`,
      `# alerts were ${verb} on GitHub`,
    );
    leads.push(lead);
    blocks.push(headline(lead + more));
    for (const n of closed) {
      const detail = {
        by: person(n.by),
        reason: n.reason,
        comment: c.direct ? n.comment : undefined,
      };
      blocks.push(closureBlock(n.alert, n.type as 'dismissed' | 'fixed', detail));
    }
  }
  const reopened = of('reopened');
  if (reopened.length) {
    const lead = count(
      reopened.length,
      'An alert was reopened on GitHub',
      '# alerts were reopened on GitHub',
    );
    leads.push(lead);
    blocks.push(headline(lead + more));
    for (const n of reopened) {
      blocks.push(plainAlertBlock(n.alert, n.by ? `Reopened by ${person(n.by)}` : undefined));
    }
  }
  const unassigned = of('unassigned');
  if (unassigned.length) {
    const lead = count(
      unassigned.length,
      'You were unassigned from an alert',
      'You were unassigned from # alerts',
    );
    leads.push(lead);
    blocks.push(headline(lead + more));
    for (const n of unassigned) blocks.push(plainAlertBlock(n.alert));
  }
  const unreachable = new Map<string, string[]>();
  for (const p of notices) {
    if (p.notice.type !== 'unreachable') continue;
    const list = unreachable.get(p.notice.campaignId) ?? [];
    list.push(p.notice.login);
    unreachable.set(p.notice.campaignId, list);
  }
  for (const [id, logins] of unreachable) {
    const name = c.campaigns.get(id)?.name ?? 'a campaign';
    leads.push(`Some assignees in ${name} cannot be reached in Slack: ${logins.join(', ')}`);
    blocks.push(unreachableBlock(name, logins));
  }
  const alerts = notices
    .map((p) => p.notice)
    .filter(isAlertNotice)
    .map((n) => n.alert);
  return { text: fallbackText(leads.join('. '), alerts), blocks };
}

export interface ComposedPart {
  notices: PendingNotice[];
  /**
   * Older notices about the same alerts that this part's notices replace. They are not shown,
   * but they are settled with the part: left queued, they would go out on their own later and
   * contradict it (an assignment arriving after the closure that ended it).
   */
  folded: PendingNotice[];
  message: SlackMessage;
  /** Whether alerts carry full buttons; a redraw must keep the same layout. */
  buttons: boolean;
}

function fits(m: SlackMessage): boolean {
  return m.blocks.length <= MAX_BLOCKS && blockTextLength(m.blocks) <= MAX_TEXT;
}

/**
 * One entry per alert (its latest news wins) in reading order, then packed into messages.
 * Returns the notices each message carries, so a message can be redrawn later, and the older
 * notices each one replaced, so they are settled with it.
 */
export function composeParts(
  notices: PendingNotice[],
  base: Omit<ComposeContext, 'buttons' | 'continued'>,
): ComposedPart[] {
  const byAlert = new Map<string, PendingNotice>();
  const older = new Map<PendingNotice, PendingNotice[]>();
  const others: PendingNotice[] = [];
  for (const p of [...notices].sort((a, b) => a.createdAt - b.createdAt)) {
    if (!isAlertNotice(p.notice)) {
      others.push(p);
      continue;
    }
    const key = alertKey(p.notice.alert);
    const replaced = byAlert.get(key);
    if (replaced) {
      older.set(p, [...(older.get(replaced) ?? []), replaced]);
      older.delete(replaced);
    }
    byAlert.set(key, p);
  }
  const foldedInto = (list: PendingNotice[]) => list.flatMap((p) => older.get(p) ?? []);
  const rank = (p: PendingNotice) => ORDER.indexOf(p.notice.type);
  const campaignOf = (p: PendingNotice) =>
    isAlertNotice(p.notice) ? (p.notice.campaignId ?? '') : p.notice.campaignId;
  const ordered = [...byAlert.values(), ...others].sort(
    (a, b) => rank(a) - rank(b) || campaignOf(a).localeCompare(campaignOf(b)),
  );
  const assignedCount = ordered.filter((p) => p.notice.type === 'assigned').length;
  const ctx: ComposeContext = { ...base, buttons: assignedCount <= FULL_BUTTONS_UP_TO };

  const parts: ComposedPart[] = [];
  let current: PendingNotice[] = [];
  let rendered: SlackMessage | undefined;
  for (const p of ordered) {
    const trial = renderNotices([...current, p], { ...ctx, continued: parts.length > 0 });
    if (current.length === 0 || fits(trial)) {
      current.push(p);
      rendered = trial;
      continue;
    }
    parts.push({
      notices: current,
      folded: foldedInto(current),
      message: rendered!,
      buttons: ctx.buttons,
    });
    current = [p];
    rendered = renderNotices(current, { ...ctx, continued: true });
  }
  if (current.length && rendered) {
    parts.push({
      notices: current,
      folded: foldedInto(current),
      message: rendered,
      buttons: ctx.buttons,
    });
  }
  return parts;
}
