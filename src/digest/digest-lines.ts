// Short mrkdwn pieces of the digest: one line per alert, signed changes, the projection.
// Everything from GitHub is escaped here.
import type { AlertSnapshot, Severity } from '../domain/types.ts';
import { link, safeText } from '../slack/mrkdwn.ts';
import type { Totals } from './alert-totals.ts';
import type { Projection } from './projection.ts';

const ICON: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
  unknown: ':grey_question:',
};

/** A GitHub login shown as a Slack mention when linked, else as escaped text. */
export type PersonLabel = (login: string) => string;

export function compactAlertLine(a: AlertSnapshot, suffix = ''): string {
  const label = `${a.repo}#${a.number}`;
  const ref = a.htmlUrl ? link(a.htmlUrl, label, 120) : safeText(label, 120);
  return `${ICON[a.severity]} ${ref} ${safeText(a.title, 70)}${suffix}`;
}

export function assigneesText(a: AlertSnapshot, person: PersonLabel): string {
  return a.assignees.length ? a.assignees.map(person).join(', ') : '_unassigned_';
}

export function signed(n: number | undefined): string {
  if (n === undefined) return '';
  if (n === 0) return ' (±0)';
  return n > 0 ? ` (+${n})` : ` (−${-n})`;
}

/** "Open 12 (−3) · In progress 2 (+1) · Fixed 30 (+2) · Dismissed 4 (±0)". */
export function countsLine(t: Totals, d?: Totals): string {
  const parts = [
    `Open *${t.open}*${signed(d?.open)}`,
    `In progress *${t.inProgress}*${signed(d?.inProgress)}`,
  ];
  if (t.fixed !== undefined && t.dismissed !== undefined) {
    parts.push(`Fixed *${t.fixed}*${signed(d?.fixed)}`);
    parts.push(`Dismissed *${t.dismissed}*${signed(d?.dismissed)}`);
  } else {
    parts.push(`Closed *${t.closed}*${signed(d?.closed)}`);
  }
  return parts.join(' · ');
}

export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 1) return `${daysLeft} days left`;
  if (daysLeft === 1) return '1 day left';
  if (daysLeft === 0) return 'due today';
  return `${-daysLeft} day${daysLeft === -1 ? '' : 's'} overdue`;
}

const rate = (r: number) => (r >= 10 ? Math.round(r).toString() : r.toFixed(1));

export function projectionText(p: Projection): string {
  switch (p.status) {
    case 'done':
      return ':tada: *Done*: no open alerts left.';
    case 'on_track':
      return (
        `:white_check_mark: *On track*: at ${rate(p.ratePerDay)} alerts closed a day, ` +
        `the last one closes around ${p.finishDay}.`
      );
    case 'at_risk':
      if (!p.finishDay) {
        return ':warning: *At risk*: open alerts have not gone down over the last two weeks.';
      }
      return (
        `:warning: *At risk*: at ${rate(p.ratePerDay)} alerts closed a day, ` +
        `the last one closes around ${p.finishDay}, after the due date.`
      );
    case 'overdue':
      return `:rotating_light: *Overdue* with ${p.remaining} alerts still open.`;
    default:
      return ':hourglass_flowing_sand: Not enough history yet to project a finish date.';
  }
}

export function projectionPlain(p: Projection): string {
  const words: Record<Projection['status'], string> = {
    done: 'done',
    on_track: 'on track',
    at_risk: 'at risk',
    overdue: 'overdue',
    unknown: 'no projection yet',
  };
  return words[p.status];
}
