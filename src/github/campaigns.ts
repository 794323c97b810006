// Reads of GitHub security campaigns. The list endpoint may omit `alert_stats`, so the
// totals come from each campaign's own GET.
import type { GitHubClient } from './client.ts';

export interface GitHubCampaign {
  number: number;
  name: string;
  description: string;
  state: 'open' | 'closed';
  endsAt: string;
  closedAt: string | null;
  managers: string[];
  teamManagers: string[];
  contactLink: string | null;
  stats: { open: number; closed: number; inProgress: number } | null;
  createdAt: string;
  updatedAt: string;
}

type Summary = Awaited<ReturnType<GitHubClient['rest']['campaigns']['getCampaignSummary']>>['data'];

export function toCampaign(c: Summary): GitHubCampaign {
  const stats = c.alert_stats;
  return {
    number: c.number,
    name: c.name ?? `Campaign ${c.number}`,
    description: c.description,
    state: c.state,
    endsAt: c.ends_at,
    closedAt: c.closed_at ?? null,
    managers: c.managers.map((m) => m.login),
    teamManagers: (c.team_managers ?? []).map((t) => t.slug),
    contactLink: c.contact_link ?? null,
    stats: stats
      ? { open: stats.open_count, closed: stats.closed_count, inProgress: stats.in_progress_count }
      : null,
    createdAt: c.created_at,
    updatedAt: c.updated_at,
  };
}

export async function listCampaigns(
  github: GitHubClient,
  org: string,
  options: { state?: 'open' | 'closed'; withStats?: boolean } = {},
): Promise<GitHubCampaign[]> {
  const summaries = await github.paginate(github.rest.campaigns.listOrgCampaigns, {
    org,
    per_page: 100,
    ...(options.state ? { state: options.state } : {}),
  });
  const campaigns = summaries.map((s) => toCampaign(s as Summary));
  if (!options.withStats) return campaigns;
  return Promise.all(
    campaigns.map(async (c) => (c.stats ? c : getCampaign(github, org, c.number))),
  );
}

export async function getCampaign(
  github: GitHubClient,
  org: string,
  number: number,
): Promise<GitHubCampaign> {
  const { data } = await github.rest.campaigns.getCampaignSummary({ org, campaign_number: number });
  return toCampaign(data);
}

/** Campaign page on GitHub. */
export function campaignUrl(webUrl: string, org: string, number: number): string {
  return `${webUrl}/orgs/${encodeURIComponent(org)}/security/campaigns/${number}`;
}
