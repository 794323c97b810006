// The scope preview shown in the modal before anything is published: how many alerts in how
// many repositories, which rules dominate, how many autofix can help with, and whether the
// selection fits GitHub's limits.
import type { KnownBlock } from '@slack/types';
import type { Severity } from '../domain/types.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { MAX_CAMPAIGN_ALERTS } from './limits.ts';
import type { ScopeResult } from './scope-query.ts';

export interface ScopeSummary {
  total: number;
  overLimit: boolean;
  repos: number;
  topRules: { rule: string; title: string; count: number }[];
  autofix: number;
  severities: Partial<Record<Severity, number>>;
  assigned: number;
}

const SEVERITY_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];

export function summarizeScope(scope: ScopeResult): ScopeSummary {
  const rules = new Map<string, { rule: string; title: string; count: number }>();
  const severities: Partial<Record<Severity, number>> = {};
  for (const a of scope.alerts) {
    const r = rules.get(a.ruleId) ?? { rule: a.ruleId, title: a.title, count: 0 };
    r.count++;
    rules.set(a.ruleId, r);
    severities[a.severity] = (severities[a.severity] ?? 0) + 1;
  }
  return {
    total: scope.alerts.length,
    overLimit: scope.overLimit,
    repos: new Set(scope.alerts.map((a) => a.repoId)).size,
    topRules: [...rules.values()].sort((a, b) => b.count - a.count).slice(0, 5),
    autofix: scope.alerts.filter((a) => a.autofix).length,
    severities,
    assigned: scope.alerts.filter((a) => a.assignees.length > 0).length,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function previewText(s: ScopeSummary, kind: 'code' | 'secret'): string {
  if (s.total === 0) return ':mag: *No open alert matches these filters.* Try another template.';
  if (s.overLimit) {
    return (
      `:no_entry: *More than ${MAX_CAMPAIGN_ALERTS} alerts match.* GitHub allows at most ` +
      `${MAX_CAMPAIGN_ALERTS} per campaign: narrow the filters (repositories, severity, rule).`
    );
  }
  const lines = [
    `:mag: *${plural(s.total, 'alert')} in ${plural(s.repos, 'repository', 'repositories')}*`,
  ];
  const sev = SEVERITY_ORDER.filter((k) => s.severities[k])
    .map((k) => `${s.severities[k]} ${k}`)
    .join(' · ');
  if (kind === 'code' && sev) lines.push(`Severity: ${sev}`);
  if (kind === 'code') lines.push(`Autofix-eligible: ${s.autofix} of ${s.total}`);
  lines.push(`Already assigned: ${s.assigned} (those people get an intro DM on publish)`);
  if (s.topRules.length) {
    const label = kind === 'code' ? 'Top rules' : 'Top secret types';
    const top = s.topRules.map(
      (r) => `• \`${safeText(r.rule, 80)}\` ${safeText(r.title, 80)}: ${r.count}`,
    );
    lines.push(`*${label}*\n${top.join('\n')}`);
  }
  return lines.join('\n');
}

export function previewBlocks(s: ScopeSummary | undefined, kind: 'code' | 'secret'): KnownBlock[] {
  const text = s ? previewText(s, kind) : ':hourglass_flowing_sand: Counting matching alerts…';
  return [
    {
      type: 'section',
      block_id: 'preview',
      text: { type: 'mrkdwn', text: text.slice(0, 2900) },
    },
  ];
}
