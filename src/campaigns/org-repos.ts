// Repository search for the modal's external select. Organizations have hundreds of
// repositories, so the list is read once and kept in the store for a few minutes.
import type { AppContext } from '../app-context.ts';

const KEY = 'campaign:org-repos';
const TTL_MS = 10 * 60_000;
// Slack shows at most 100 options per answer.
const MAX_OPTIONS = 100;

export interface RepoChoice {
  id: number;
  fullName: string;
}

async function allRepos(ctx: AppContext): Promise<RepoChoice[]> {
  const cached = await ctx.kv.get(KEY);
  if (cached) return JSON.parse(cached) as RepoChoice[];
  const repos = await ctx.github.paginate(ctx.github.rest.repos.listForOrg, {
    org: ctx.config.GITHUB_ORG,
    per_page: 100,
  });
  const choices = repos
    .filter((r) => !r.archived)
    .map((r) => ({ id: r.id, fullName: r.full_name }))
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
  await ctx.kv.set(KEY, JSON.stringify(choices), { ttlMs: TTL_MS });
  return choices;
}

export async function searchRepos(ctx: AppContext, query: string): Promise<RepoChoice[]> {
  const q = query.trim().toLowerCase();
  const repos = await allRepos(ctx);
  return repos.filter((r) => r.fullName.toLowerCase().includes(q)).slice(0, MAX_OPTIONS);
}
