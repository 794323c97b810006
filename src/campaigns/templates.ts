// The catalogue of campaign templates. GitHub does not publish its own template list (only
// "Cross-site scripting (CWE-79)" is named in its docs), so these are Burndown's: the
// campaigns security teams run most, each a saved set of filters over open alerts.
//
// Code scanning (default-branch alerts only, as GitHub's campaign pages use):
//   code-critical        security severity critical
//   code-high-critical   security severity high or critical
//   code-cwe-79/89/22/78 one CWE family: XSS, SQL injection, path traversal, OS command
//                        injection (matched on the rule's `external/cwe/cwe-NNN` tags)
//   code-autofix         alerts Copilot Autofix can likely fix (see autofix-eligible.ts)
//   code-rule            every alert of one rule id, e.g. `js/sql-injection`
// Secret scanning (always read with hide_secret=true):
//   secret-provider      one provider, e.g. `aws`, `github`, `slack`
//   secret-active        secrets GitHub found still valid (validity=active)
//   secret-public        secrets also found in public places (is_publicly_leaked)
//   secret-bypassed      secrets pushed past push protection (is_bypassed)
// Alerts without `security_severity_level` have unknown severity and never match a
// severity template.
import type { AlertKind, Severity } from '../domain/types.ts';

export interface ScopeFilters {
  kind: AlertKind;
  /** A template id, or `custom`. */
  template: string;
  severities?: Severity[];
  toolName?: string;
  ruleIds?: string[];
  /** CWE numbers without the prefix: `79`. */
  cwes?: string[];
  autofixOnly?: boolean;
  /** Repository ids. */
  repoIds?: number[];
  /** `YYYY-MM-DD`: only alerts created before that day. */
  createdBefore?: string;
  providers?: string[];
  validity?: Array<'active' | 'inactive' | 'unknown'>;
  publiclyLeaked?: boolean;
  bypassed?: boolean;
}

export interface CampaignTemplate {
  id: string;
  kind: AlertKind;
  /** Shown in the picker (at most 75 characters). */
  title: string;
  /** Why this campaign matters, in one sentence, for the announcement and the intro DMs. */
  why: string;
  filters: Omit<ScopeFilters, 'kind' | 'template'>;
  /** A value the person must give: a rule id or a provider. */
  needs?: 'rule' | 'provider';
  suggestedName: string;
}

const cwe = (id: string, n: string, title: string, why: string): CampaignTemplate => ({
  id,
  kind: 'code',
  title: `${title} (CWE-${n})`,
  why,
  filters: { cwes: [n] },
  suggestedName: `${title} (CWE-${n})`,
});

export const CAMPAIGN_TEMPLATES: readonly CampaignTemplate[] = [
  {
    id: 'code-critical',
    kind: 'code',
    title: 'Critical severity alerts',
    why: 'Critical alerts are the ones most likely to be exploited.',
    filters: { severities: ['critical'] },
    suggestedName: 'Critical code scanning alerts',
  },
  {
    id: 'code-high-critical',
    kind: 'code',
    title: 'High and critical severity alerts',
    why: 'High and critical alerts carry most of the risk in our code.',
    filters: { severities: ['critical', 'high'] },
    suggestedName: 'High and critical alerts',
  },
  cwe('code-cwe-79', '79', 'Cross-site scripting', 'XSS lets an attacker run script as a user.'),
  cwe('code-cwe-89', '89', 'SQL injection', 'SQL injection exposes or corrupts our data.'),
  cwe('code-cwe-22', '22', 'Path traversal', 'Path traversal reads or writes files it should not.'),
  cwe('code-cwe-78', '78', 'Command injection', 'Command injection runs attacker commands.'),
  {
    id: 'code-autofix',
    kind: 'code',
    title: 'Alerts Copilot Autofix can fix',
    why: 'These alerts can get a suggested fix, so they are quick wins.',
    filters: { autofixOnly: true },
    suggestedName: 'Autofix quick wins',
  },
  {
    id: 'code-rule',
    kind: 'code',
    title: 'One rule (give the rule id)',
    why: 'One rule everywhere: one fix pattern, learned once.',
    filters: {},
    needs: 'rule',
    suggestedName: 'Rule clean-up',
  },
  {
    id: 'secret-provider',
    kind: 'secret',
    title: 'Secrets of one provider (give the provider)',
    why: 'One provider at a time: one rotation procedure, learned once.',
    filters: {},
    needs: 'provider',
    suggestedName: 'Rotate provider secrets',
  },
  {
    id: 'secret-active',
    kind: 'secret',
    title: 'Secrets that still work (validity: active)',
    why: 'These secrets still work: anyone who finds them can use them.',
    filters: { validity: ['active'] },
    suggestedName: 'Revoke active secrets',
  },
  {
    id: 'secret-public',
    kind: 'secret',
    title: 'Secrets leaked publicly',
    why: 'These secrets were also found in public places.',
    filters: { publiclyLeaked: true },
    suggestedName: 'Publicly leaked secrets',
  },
  {
    id: 'secret-bypassed',
    kind: 'secret',
    title: 'Secrets pushed past push protection',
    why: 'Someone pushed these past push protection; confirm and revoke.',
    filters: { bypassed: true },
    suggestedName: 'Push protection bypasses',
  },
];

export const CUSTOM_TEMPLATE = 'custom';

export function findTemplate(id: string | undefined): CampaignTemplate | undefined {
  return CAMPAIGN_TEMPLATES.find((t) => t.id === id);
}

export function templatesFor(kind: AlertKind): CampaignTemplate[] {
  return CAMPAIGN_TEMPLATES.filter((t) => t.kind === kind);
}

/** The filters a template (plus what the person typed) stands for. */
export function resolveFilters(input: ScopeFilters): ScopeFilters {
  const template = findTemplate(input.template);
  if (!template || template.kind !== input.kind) return input;
  const base: ScopeFilters = { kind: input.kind, template: template.id, ...template.filters };
  if (template.needs === 'rule') base.ruleIds = input.ruleIds ?? [];
  if (template.needs === 'provider') base.providers = input.providers ?? [];
  return base;
}

/** A short line saying why a campaign exists, from its template or its filters. */
export function whyText(filters: ScopeFilters | undefined): string {
  const template = findTemplate(filters?.template);
  return template?.why ?? 'Alerts chosen by the security team for this campaign.';
}
