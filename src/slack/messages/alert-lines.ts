// Shared mrkdwn pieces describing one alert. Everything from GitHub is escaped here, once.
import type { AlertSnapshot, Severity } from '../../domain/types.ts';
import { link, safeText } from '../mrkdwn.ts';

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: ':red_circle: Critical',
  high: ':large_orange_circle: High',
  medium: ':large_yellow_circle: Medium',
  low: ':white_circle: Low',
  unknown: ':grey_question: Unknown severity',
};

export function severityLabel(severity: Severity): string {
  return SEVERITY_LABEL[severity];
}

export function locationText(a: AlertSnapshot): string {
  if (!a.path) return '_location unknown_';
  const where = a.line ? `${a.path}:${a.line}` : a.path;
  return `\`${safeText(where, 300)}\``;
}

/** One line per alert: linked title, rule, repository and location. */
export function alertLine(a: AlertSnapshot, maxTitle = 120): string {
  const title = a.htmlUrl ? link(a.htmlUrl, a.title, maxTitle) : safeText(a.title, maxTitle);
  const rule = a.kind === 'code' ? ` · \`${safeText(a.ruleId, 80)}\`` : '';
  return `${title}${rule} · ${safeText(a.repo, 100)} · ${locationText(a)}`;
}

/** Plain text (no mrkdwn) for notification fallbacks and screen readers. */
export function alertPlain(a: AlertSnapshot): string {
  const where = a.path ? ` at ${a.path}${a.line ? `:${a.line}` : ''}` : '';
  return `${a.title} (${a.ruleId}) in ${a.repo}${where}`;
}
