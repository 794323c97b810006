// A small organization for the sync and notification tests: people linked to Slack users, two
// repositories with alerts, one campaign known to Burndown, and helpers to read what people got.
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import type { AlertSnapshot } from '../../src/domain/types.ts';
import type { GhCodeAlert, GhSecretAlert, RepoRecord } from '../doubles/github/index.ts';
import { seedOrg } from '../doubles/github/index.ts';
import type { MessageView } from '../doubles/slack/index.ts';
import { type Harness, type HarnessOptions, ORG, startHarness } from '../helpers/harness.ts';

/** GitHub login → Slack user of the default Slack double workspace. */
export const PEOPLE = {
  'octo-lead': 'U0ALICE',
  'dev-b': 'U0BOB',
  'dev-c': 'U0CAROL',
} as const;

export interface World {
  h: Harness;
  repos: RepoRecord[];
  campaign: CampaignRecord;
}

export async function linkPeople(h: Harness, people: Record<string, string> = PEOPLE) {
  for (const [login, slackUserId] of Object.entries(people)) {
    await h.bot.ctx.repos.identities.link({
      slackUserId,
      githubLogin: login,
      source: 'admin',
      linkedAt: '2026-01-01T00:00:00Z',
    });
  }
}

export async function startWorld(options: HarnessOptions = {}): Promise<World> {
  const h = await startHarness(options);
  const all = ['octo-lead', 'dev-b', 'dev-c', 'dev-unmapped'];
  const { repos } = seedOrg(h.github, {
    org: ORG,
    users: [
      { login: 'octo-lead', role: 'admin', securityManager: true },
      ...all.slice(1).map((login) => ({ login, repos: { payments: 'write' as const } })),
    ],
    repos: ['payments', 'web'],
    codeAlerts: [
      { repo: 'payments', number: 1, ruleId: 'js/sql-injection', securitySeverity: 'high' },
      { repo: 'payments', number: 2, ruleId: 'js/xss', securitySeverity: 'medium' },
      { repo: 'web', number: 1, ruleId: 'js/zipslip', securitySeverity: 'critical' },
    ],
    secretAlerts: [
      { repo: 'payments', number: 1, secretType: 'github_personal_access_token' },
      {
        repo: 'payments',
        number: 2,
        secretType: 'aws_access_key_id',
        secret: 'AKIAQ3EGUDZYEXAMPLE7',
        validity: 'active',
      },
    ],
    campaigns: [
      {
        number: 1,
        name: 'Critical SQL injection',
        endsAt: '2027-03-01T00:00:00Z',
        managers: ['octo-lead'],
        codeAlerts: [{ repo: 'payments', numbers: [1, 2] }],
      },
    ],
  });
  await linkPeople(h);
  const payments = repos[0]!;
  const campaign: CampaignRecord = {
    id: 'camp-1',
    number: 1,
    kind: 'code',
    state: 'open',
    name: 'Critical SQL injection',
    description: 'Fix SQL injection before the audit',
    endsAt: '2027-03-01T00:00:00Z',
    managers: ['octo-lead'],
    teamManagers: [],
    members: [1, 2].map((number) => ({
      repoId: payments.repo.id,
      repo: payments.repo.full_name,
      number,
    })),
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    htmlUrl: `${h.config.GITHUB_WEB_URL}/orgs/${ORG}/security/campaigns/1`,
  };
  await h.bot.ctx.repos.campaigns.save(campaign);
  return { h, repos, campaign };
}

export function codeAlert(w: World, repo: 'payments' | 'web', n: number): GhCodeAlert {
  const r = w.repos.find((x) => x.repo.name === repo)!;
  return r.codeAlerts.find((a) => a.number === n)!;
}

export function secretAlert(w: World, n: number): GhSecretAlert {
  return w.repos[0]!.secretAlerts.find((a) => a.number === n)!;
}

/** Moves an alert's `updated_at` forward, as GitHub does on every change. */
export function touch(alert: GhCodeAlert | GhSecretAlert, at: string): void {
  alert.updated_at = at;
}

export function user(w: World, login: string) {
  return w.h.github.state.users[login]!;
}

export function dms(h: Harness, slackUser: string): MessageView[] {
  return h.slack.messagesIn(slackUser);
}

/** Every block-kit violation Slack would have refused. */
export function rejected(h: Harness) {
  return h.slack.violations.filter((v) => v.rejected);
}

export function hasButtons(m: MessageView): boolean {
  return (m.blocks ?? []).some((b) => (b as { type?: string }).type === 'actions');
}

export function snapshotOf(w: World, number: number, over: Partial<AlertSnapshot> = {}) {
  const payments = w.repos[0]!;
  const base: AlertSnapshot = {
    kind: 'code',
    repoId: payments.repo.id,
    repo: payments.repo.full_name,
    number,
    status: 'open',
    state: 'open',
    assignees: [],
    ruleId: 'js/sql-injection',
    title: 'Database query built from user-controlled sources',
    severity: 'high',
    tags: [],
    path: 'src/db/query.js',
    line: number,
    htmlUrl: `https://github.com/${payments.repo.full_name}/security/code-scanning/${number}`,
    updatedAt: '2026-02-01T10:00:00Z',
    createdAt: '2026-01-01T10:00:00Z',
  };
  return { ...base, ...over };
}
