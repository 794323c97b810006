// Finds the alerts a campaign would hold, with the bot's read client and GitHub's
// organization-wide lists. GitHub filters what it can (state, one severity, tool; for
// secrets validity, providers, public leaks, bypasses); Burndown filters the rest.
import type { AppContext } from '../app-context.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { codeAlertSnapshot, secretAlertSnapshot } from '../github/alerts.ts';
import { autofixEligible } from './autofix-eligible.ts';
import { MAX_CAMPAIGN_ALERTS } from './limits.ts';
import { resolveFilters, type ScopeFilters } from './templates.ts';

export interface ScopedAlert extends AlertSnapshot {
  autofix?: boolean;
}

export interface ScopeResult {
  alerts: ScopedAlert[];
  /** More alerts matched than a campaign may hold; counting stopped past the limit. */
  overLimit: boolean;
}

type Json = Record<string, unknown>;

const cweNumbers = (tags: string[]) =>
  tags
    .map((t) => /^external\/cwe\/cwe-0*(\d+)$/.exec(t)?.[1])
    .filter((n): n is string => n !== undefined);

function keepCode(f: ScopeFilters, a: ScopedAlert): boolean {
  // An alert without a security severity is `unknown` and matches no severity filter.
  if (f.severities?.length && !f.severities.includes(a.severity)) return false;
  if (f.ruleIds?.length && !f.ruleIds.includes(a.ruleId)) return false;
  if (f.cwes?.length) {
    const wanted = f.cwes.map((c) => String(Number(c.replace(/\D/g, ''))));
    if (!cweNumbers(a.tags).some((n) => wanted.includes(n))) return false;
  }
  if (f.autofixOnly && !a.autofix) return false;
  return true;
}

function keepCommon(f: ScopeFilters, a: ScopedAlert): boolean {
  if (f.repoIds?.length && !f.repoIds.includes(a.repoId)) return false;
  if (f.createdBefore && a.createdAt.slice(0, 10) >= f.createdBefore) return false;
  return true;
}

function codeParams(ctx: AppContext, f: ScopeFilters) {
  const only = f.severities?.length === 1 ? f.severities[0] : undefined;
  return {
    org: ctx.config.GITHUB_ORG,
    // The organization list holds default-branch alerts only, as campaigns require.
    state: 'open' as const,
    per_page: 100,
    ...(only && only !== 'unknown' ? { severity: only } : {}),
    ...(f.toolName ? { tool_name: f.toolName } : {}),
  };
}

function secretParams(ctx: AppContext, f: ScopeFilters) {
  return {
    org: ctx.config.GITHUB_ORG,
    state: 'open' as const,
    // Burndown never holds a secret's value.
    hide_secret: true,
    per_page: 100,
    ...(f.validity?.length ? { validity: f.validity.join(',') } : {}),
    ...(f.providers?.length ? { providers: f.providers.join(',') } : {}),
    ...(f.publiclyLeaked ? { is_publicly_leaked: true } : {}),
    ...(f.bypassed ? { is_bypassed: true } : {}),
  };
}

function toScoped(kind: ScopeFilters['kind'], item: Json): ScopedAlert | undefined {
  const repo = item.repository as { id?: number; full_name?: string } | undefined;
  if (!repo?.id || !repo.full_name) return undefined;
  const ref = { id: repo.id, full_name: repo.full_name };
  if (kind === 'secret') return secretAlertSnapshot(item, ref);
  return { ...codeAlertSnapshot(item, ref), autofix: autofixEligible(item) };
}

/** The matching open alerts, stopping once more than a campaign may hold were found. */
export async function findScope(ctx: AppContext, input: ScopeFilters): Promise<ScopeResult> {
  const f = resolveFilters(input);
  const gh = ctx.github;
  const pages =
    f.kind === 'code'
      ? gh.paginate.iterator(gh.rest.codeScanning.listAlertsForOrg, codeParams(ctx, f))
      : gh.paginate.iterator(gh.rest.secretScanning.listAlertsForOrg, secretParams(ctx, f));
  const alerts: ScopedAlert[] = [];
  for await (const page of pages) {
    for (const item of page.data as unknown as Json[]) {
      const a = toScoped(f.kind, item);
      if (!a || !keepCommon(f, a) || (f.kind === 'code' && !keepCode(f, a))) continue;
      alerts.push(a);
      if (alerts.length > MAX_CAMPAIGN_ALERTS) return { alerts, overLimit: true };
    }
  }
  return { alerts, overLimit: false };
}
