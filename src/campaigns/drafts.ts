// A campaign as the form describes it, before GitHub knows about it. Drafts are kept by
// Burndown only (GitHub's API sees published campaigns), listed by `/campaign list`, and
// can be edited and published later.
import type { AppContext } from '../app-context.ts';
import type { CampaignMember, CampaignRecord } from '../domain/campaign.ts';
import { type CampaignForm, formFilters } from '../slack/views/campaign-form.ts';
import { endOfDay } from './due-date.ts';
import type { ScopeResult } from './scope-query.ts';

export function membersOf(scope: ScopeResult | undefined): CampaignMember[] {
  // The order GitHub receives them in (grouped by repository), so the record matches the body.
  return (scope?.alerts ?? [])
    .map((a) => ({ repoId: a.repoId, repo: a.repo, number: a.number }))
    .sort((a, b) => a.repoId - b.repoId || a.number - b.number);
}

export function recordFromForm(
  ctx: AppContext,
  input: {
    id: string;
    form: CampaignForm;
    managers: string[];
    userId: string;
    scope?: ScopeResult;
    existing?: CampaignRecord | null;
  },
): CampaignRecord {
  const { form: f, existing } = input;
  const now = ctx.now().toISOString();
  const due = f.due || ctx.now().toISOString().slice(0, 10);
  return {
    id: input.id,
    kind: f.kind,
    state: 'draft',
    name: f.name,
    description: f.description,
    endsAt: endOfDay(due, ctx.config.TZ),
    managers: input.managers,
    teamManagers: f.teams,
    ...(f.contactLink ? { contactLink: f.contactLink } : {}),
    members: membersOf(input.scope),
    scope: { filters: formFilters(f), form: f },
    channelPrivate: f.visibility !== 'public',
    extraMembers: f.members,
    generateIssues: f.kind === 'code' && f.generateIssues,
    createdBy: existing?.createdBy ?? input.userId,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

/** Saves the form as a draft; what was picked, not yet the alerts, is what counts. */
export async function saveDraft(ctx: AppContext, record: CampaignRecord): Promise<void> {
  await ctx.repos.campaigns.save({ ...record, state: 'draft', members: [] });
  ctx.logger.info({ campaign: record.id }, 'campaign draft saved');
}
