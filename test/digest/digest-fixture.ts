// A campaign of 250 open alerts across 60 repositories (plus a few closed ones), seeded in
// the GitHub double and saved in Burndown's store with a private channel, for digest tests.
import type { AppContext } from '../../src/app-context.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { codeAlertSnapshot } from '../../src/github/alerts.ts';
import type { GitHubDouble } from '../doubles/github/index.ts';
import { type SeedCodeAlert, seedOrg } from '../doubles/github/index.ts';
import type { WorkspaceSeed } from '../doubles/slack/index.ts';
import { type Harness, type HarnessOptions, ORG, startHarness } from '../helpers/harness.ts';

export const CAMPAIGN_CHANNEL = 'C0CAMPAIGN';

export const DIGEST_WORKSPACE: WorkspaceSeed = {
  channels: [
    { id: 'C0GENERAL', name: 'general', is_general: true, members: ['*', 'bot'] },
    {
      id: CAMPAIGN_CHANNEL,
      name: 'campaign-sqli',
      is_private: true,
      members: ['bot', 'U0ALICE', 'U0BOB'],
    },
    { id: 'C0LEADS', name: 'security-leads', is_private: true, members: ['bot', 'U0ALICE'] },
  ],
};

export interface BigCampaign {
  campaign: CampaignRecord;
  /** html_url of every open alert with nobody assigned. */
  unassignedUrls: string[];
}

const REPOS = Array.from({ length: 60 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);

/** 250 open alerts (every third assigned, to dev-b or dev-c), 10 fixed, 5 dismissed. */
export function seedBigCampaign(github: GitHubDouble): { alerts: SeedCodeAlert[] } {
  const alerts: SeedCodeAlert[] = [];
  for (let i = 0; i < 265; i++) {
    const repo = REPOS[i % REPOS.length]!;
    const state = i < 250 ? 'open' : i < 260 ? 'fixed' : 'dismissed';
    const assigned = i % 3 === 0 || state === 'fixed';
    alerts.push({
      repo,
      number: Math.floor(i / REPOS.length) + 1,
      ruleId: 'js/sql-injection',
      // GitHub text that would ping the channel if it were not escaped.
      description:
        i === 7 ? 'Query built from <!channel> & user input' : 'SQL query built from input',
      securitySeverity: (['critical', 'high', 'medium', 'low'] as const)[i % 4]!,
      state,
      assignees: assigned ? [i % 2 ? 'dev-b' : 'dev-c'] : [],
      createdAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
    });
  }
  seedOrg(github, {
    org: ORG,
    users: [{ login: 'octo-lead', role: 'admin', securityManager: true }, 'dev-b', 'dev-c'],
    repos: REPOS,
    codeAlerts: alerts,
    campaigns: [
      {
        number: 1,
        name: 'SQL injection <b>burn</b>',
        managers: ['octo-lead'],
        createdAt: '2026-10-01T09:00:00Z',
        endsAt: '2027-03-01T17:00:00Z',
        codeAlerts: REPOS.map((repo) => ({
          repo,
          numbers: alerts.filter((a) => a.repo === repo).map((a) => a.number),
        })),
      },
    ],
  });
  return { alerts };
}

/** The same campaign as Burndown stores it once published. */
export async function saveBigCampaign(ctx: AppContext, github: GitHubDouble): Promise<BigCampaign> {
  const members = Object.values(github.state.repos).flatMap((r) =>
    r.codeAlerts.map((a) => ({ repoId: r.repo.id, repo: r.repo.full_name, number: a.number })),
  );
  const campaign: CampaignRecord = {
    id: 'cmp-sqli',
    number: 1,
    kind: 'code',
    state: 'open',
    name: 'SQL injection <b>burn</b>',
    description: 'Fix SQL injection',
    endsAt: '2027-03-01T17:00:00Z',
    managers: ['octo-lead'],
    teamManagers: [],
    members,
    channelId: CAMPAIGN_CHANNEL,
    createdAt: '2026-10-01T09:00:00Z',
    updatedAt: '2026-10-01T09:00:00Z',
  };
  await ctx.repos.campaigns.save(campaign);
  await storeSnapshots(ctx, github);
  const unassignedUrls = Object.values(github.state.repos).flatMap((r) =>
    r.codeAlerts
      .filter((a) => a.state === 'open' && (a.assignees as unknown[]).length === 0)
      .map((a) => a.html_url as string),
  );
  return { campaign, unassignedUrls };
}

/** What sync would have stored: the last-seen state of every alert in the double. */
export async function storeSnapshots(ctx: AppContext, github: GitHubDouble): Promise<void> {
  for (const r of Object.values(github.state.repos)) {
    for (const a of r.codeAlerts) {
      const alert = JSON.parse(JSON.stringify(a)) as Record<string, unknown>;
      await ctx.repos.alerts.put(codeAlertSnapshot(alert, r.repo));
    }
  }
}

/**
 * A bot with the big campaign saved and its lead and one developer linked, the world the
 * digest, reminder and Home tests share.
 */
export async function startDigestHarness(options: HarnessOptions = {}): Promise<Harness> {
  const h = await startHarness({ workspace: DIGEST_WORKSPACE, ...options });
  seedBigCampaign(h.github);
  await saveBigCampaign(h.bot.ctx, h.github);
  const link = (slackUserId: string, githubLogin: string) =>
    h.bot.ctx.repos.identities.link({
      slackUserId,
      githubLogin,
      source: 'admin',
      linkedAt: '2026-11-01T00:00:00Z',
    });
  await link('U0BOB', 'dev-b');
  await link('U0ALICE', 'octo-lead');
  return h;
}
