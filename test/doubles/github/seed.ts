// seedOrg: put an organization, its people, repositories and alerts into a running double.
import {
  type CampaignInput,
  type CodeAlertInput,
  makeCampaign,
  makeCodeAlert,
  makeSecretAlert,
  type SecretAlertInput,
} from './builders-alerts.ts';
import {
  makeRepo,
  makeTeam,
  makeUser,
  type RepoInput,
  stableId,
  type UserInput,
} from './builders-core.ts';
import type { GitHubDouble } from './server.ts';
import {
  type CampaignAlertRef,
  findRepo,
  type OrgRecord,
  type Permission,
  type RepoRecord,
  repoKey,
} from './state.ts';

export interface SeedUser extends UserInput {
  // Organization role; 'admin' is an owner.
  role?: 'admin' | 'member';
  securityManager?: boolean;
  // Defaults to `tok-<login>`; false for a user without a token.
  token?: string | false;
  // Repository name → permission.
  repos?: Record<string, Permission>;
}

export interface SeedRepo extends Omit<RepoInput, 'owner'> {
  // Login → permission, in addition to SeedUser.repos.
  permissions?: Record<string, Permission>;
}

export interface SeedTeam {
  slug: string;
  name?: string;
  members?: string[];
  maintainers?: string[];
}

// Alerts name their repository by short name ("api") or full name ("org/api").
export type SeedCodeAlert = Omit<CodeAlertInput, 'repo'> & { repo: string };
export type SeedSecretAlert = Omit<SecretAlertInput, 'repo'> & { repo: string };
export type SeedCampaign = CampaignInput & {
  codeAlerts?: Array<{ repo: string; numbers: number[] }>;
};

export interface SeedOrgInput {
  org: string;
  users?: Array<string | SeedUser>;
  repos?: Array<string | SeedRepo>;
  teams?: SeedTeam[];
  codeAlerts?: SeedCodeAlert[];
  secretAlerts?: SeedSecretAlert[];
  campaigns?: SeedCampaign[];
  // Installs the app on the org under this installation id.
  installationId?: number;
}

export interface SeededOrg {
  org: OrgRecord;
  repos: RepoRecord[];
  // login → token for every seeded user that has one.
  tokens: Record<string, string>;
}

function repoOf(double: GitHubDouble, org: string, name: string): RepoRecord {
  const [owner, repo] = name.includes('/') ? (name.split('/') as [string, string]) : [org, name];
  const found = findRepo(double.state, owner, repo);
  if (!found) throw new Error(`seedOrg: unknown repository ${owner}/${repo}`);
  return found;
}

export function seedOrg(double: GitHubDouble, input: SeedOrgInput): SeededOrg {
  const { state } = double;
  const login = input.org;
  const org: OrgRecord = state.orgs[login] ?? {
    login,
    id: stableId(`org:${login}`),
    members: {},
    securityManagers: [],
    teams: {},
    campaigns: [],
    nextCampaignNumber: 1,
  };
  state.orgs[login] = org;
  if (input.installationId !== undefined) {
    org.installationId = input.installationId;
    state.installations[input.installationId] = { id: input.installationId, org: login };
  }

  const repos: RepoRecord[] = [];
  for (const raw of input.repos ?? []) {
    const spec: SeedRepo = typeof raw === 'string' ? { name: raw } : raw;
    const repo = makeRepo({ ...spec, owner: login });
    const record: RepoRecord = {
      repo,
      permissions: { ...spec.permissions },
      archived: Boolean(spec.archived),
      codeAlerts: [],
      secretAlerts: [],
      alertInstances: {},
      secretLocations: {},
      autofixes: {},
      dismissalRequests: [],
    };
    state.repos[repoKey(login, spec.name)] = record;
    repos.push(record);
  }

  const tokens: Record<string, string> = {};
  for (const raw of input.users ?? []) {
    const spec: SeedUser = typeof raw === 'string' ? { login: raw } : raw;
    state.users[spec.login] = makeUser(spec);
    org.members[spec.login] = spec.role ?? 'member';
    if (spec.securityManager && !org.securityManagers.includes(spec.login)) {
      org.securityManagers.push(spec.login);
    }
    if (spec.token !== false) {
      const token = spec.token ?? `tok-${spec.login}`;
      state.tokens[token] = { login: spec.login, kind: 'user' };
      tokens[spec.login] = token;
    }
    for (const [name, permission] of Object.entries(spec.repos ?? {})) {
      repoOf(double, login, name).permissions[spec.login] = permission;
    }
  }

  for (const team of input.teams ?? []) {
    const members: Record<string, 'member' | 'maintainer'> = {};
    for (const m of team.members ?? []) members[m] = 'member';
    for (const m of team.maintainers ?? []) members[m] = 'maintainer';
    org.teams[team.slug] = { team: makeTeam({ org: login, ...team }), members };
  }

  // Logins resolve to the seeded users so names and ids match GET /users/{login}.
  const person = <T>(who: T) =>
    typeof who === 'string' && state.users[who] ? state.users[who] : who;
  for (const alert of input.codeAlerts ?? []) {
    const record = repoOf(double, login, alert.repo);
    const assignees = alert.assignees?.map(person);
    record.codeAlerts.push(makeCodeAlert({ ...alert, assignees, repo: record.repo }));
  }
  for (const alert of input.secretAlerts ?? []) {
    const record = repoOf(double, login, alert.repo);
    const assignee = alert.assignee === undefined ? undefined : person(alert.assignee);
    record.secretAlerts.push(makeSecretAlert({ ...alert, assignee, repo: record.repo }));
  }
  for (const campaign of input.campaigns ?? []) {
    const refs: CampaignAlertRef[] = (campaign.codeAlerts ?? []).map((c) => ({
      repository_id: repoOf(double, login, c.repo).repo.id,
      alert_numbers: [...c.numbers],
    }));
    const managers = (campaign.managers ?? []).map(person);
    org.campaigns.push({ summary: makeCampaign({ ...campaign, managers }), codeAlerts: refs });
    org.nextCampaignNumber = Math.max(org.nextCampaignNumber, campaign.number + 1);
  }
  return { org, repos, tokens };
}
