// Checks a submitted campaign form before anything happens anywhere. Each problem is keyed
// by the input block it belongs to, so Slack shows it under that field.
import type { AppContext } from '../app-context.ts';
import { listCampaigns } from '../github/campaigns.ts';
import { explainGitHubError } from '../github/explain-error.ts';
import { linkThemHint } from '../identity/link-hint.ts';
import type { CampaignForm } from '../slack/views/campaign-form.ts';
import { contactLinkProblem } from './contact-link.ts';
import { isFutureDay } from './due-date.ts';
import { MAX_CAMPAIGN_ALERTS, MAX_DESCRIPTION, MAX_NAME, MAX_OPEN_CAMPAIGNS } from './limits.ts';
import type { ScopeResult } from './scope-query.ts';
import { findTemplate } from './templates.ts';

export type FieldErrors = Record<string, string>;

export function checkFields(ctx: AppContext, f: CampaignForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!f.name) errors.name = 'Give the campaign a name.';
  else if (f.name.length > MAX_NAME) {
    errors.name = `At most ${MAX_NAME} characters (this one has ${f.name.length}).`;
  }
  if (!f.description) errors.description = 'Say in a sentence what this campaign is about.';
  else if (f.description.length > MAX_DESCRIPTION) {
    const has = f.description.length;
    errors.description = `At most ${MAX_DESCRIPTION} characters (this one has ${has}).`;
  }
  if (!f.due) errors.due = 'Pick a due date.';
  else if (!isFutureDay(f.due, ctx.config.TZ, ctx.now())) {
    errors.due = 'The due date must be after today: GitHub only accepts a date in the future.';
  }
  const needs = findTemplate(f.template)?.needs;
  if (needs === 'rule' && f.ruleIds.length === 0) errors.f_rule = 'Give the rule id.';
  if (needs === 'provider' && f.providers.length === 0) errors.f_provider = 'Give the provider.';
  const contact = f.contactLink ? contactLinkProblem(f.contactLink) : null;
  if (contact) errors.contact = contact;
  return errors;
}

export interface ResolvedManagers {
  logins: string[];
  errors: FieldErrors;
}

/** Point of contact first, then the other managers, as GitHub logins known to Burndown. */
export async function resolveManagers(ctx: AppContext, f: CampaignForm): Promise<ResolvedManagers> {
  const errors: FieldErrors = {};
  const logins: string[] = [];
  const poc = f.poc ? await ctx.repos.identities.bySlackUser(f.poc) : null;
  const hint = linkThemHint(ctx);
  if (!f.poc) errors.poc = 'Pick the point of contact.';
  else if (!poc) {
    errors.poc =
      'Burndown does not know this person’s GitHub account, and GitHub needs a manager with ' +
      `one. Pick someone else, or ${hint}.`;
  } else logins.push(poc.githubLogin);
  const unknown: string[] = [];
  for (const id of f.managers.filter((m) => m !== f.poc)) {
    const link = await ctx.repos.identities.bySlackUser(id);
    if (link) logins.push(link.githubLogin);
    else unknown.push(id);
  }
  if (unknown.length) {
    errors.managers =
      `${unknown.length} of these people have no GitHub account known to Burndown; ` +
      `remove them or ${hint}.`;
  }
  return { logins: [...new Set(logins)], errors };
}

export function checkScope(scope: ScopeResult): FieldErrors {
  if (scope.alerts.length === 0) {
    return { template: 'No open alert matches these filters, so there is nothing to fix.' };
  }
  if (scope.overLimit) {
    return {
      template:
        `More than ${MAX_CAMPAIGN_ALERTS} alerts match; GitHub allows at most ` +
        `${MAX_CAMPAIGN_ALERTS} per campaign. Narrow the filters.`,
    };
  }
  return {};
}

export async function checkOpenLimit(ctx: AppContext): Promise<FieldErrors> {
  let open: number;
  try {
    open = (await listCampaigns(ctx.github, ctx.config.GITHUB_ORG, { state: 'open' })).length;
  } catch (err) {
    return { mode: explainGitHubError(err, 'count the open campaigns').message };
  }
  if (open < MAX_OPEN_CAMPAIGNS) return {};
  return {
    mode:
      `${ctx.config.GITHUB_ORG} already has ${open} open campaigns, GitHub’s maximum. Close ` +
      'one first (/campaign close), or save this one as a draft.',
  };
}
