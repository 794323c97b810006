// The world the double serves. Records hold GitHub-shaped JSON (as the API returns it) plus
// the few facts GitHub keeps server-side (permissions, tokens, campaign alert lists).
export type Json = Record<string, unknown>;
export type Permission = 'admin' | 'write' | 'read';

export type GhUser = Json & { login: string; id: number; type: string };
export type GhRepo = Json & { id: number; name: string; full_name: string; owner: GhUser };
export type GhTeam = Json & { id: number; slug: string; name: string };
export type GhCodeAlert = Json & {
  number: number;
  state: 'open' | 'dismissed' | 'fixed' | null;
  assignees: GhUser[];
  rule: Json & {
    id: string | null;
    security_severity_level: string | null;
    severity: string | null;
  };
  tool: Json & { name?: string };
};
export type GhSecretAlert = Json & {
  number: number;
  state: 'open' | 'resolved';
  secret: string;
  assigned_to: GhUser | null;
};
export type GhCampaign = Json & { number: number; state: 'open' | 'closed'; name: string };

export interface CampaignAlertRef {
  repository_id: number;
  alert_numbers: number[];
}

export interface CampaignRecord {
  // Stored without alert_stats; the handler computes progress from the alerts themselves.
  summary: GhCampaign;
  codeAlerts: CampaignAlertRef[];
  /** Set for secret scanning campaigns. */
  secretAlerts?: CampaignAlertRef[];
}

export interface TeamRecord {
  team: GhTeam;
  members: Record<string, 'member' | 'maintainer'>;
}

export interface OrgRecord {
  login: string;
  id: number;
  // 'admin' is an organization owner.
  members: Record<string, 'admin' | 'member'>;
  securityManagers: string[];
  teams: Record<string, TeamRecord>;
  campaigns: CampaignRecord[];
  nextCampaignNumber: number;
  installationId?: number;
}

export interface RepoRecord {
  repo: GhRepo;
  // Explicit per-user grants; organization owners are admins everywhere without an entry.
  permissions: Record<string, Permission>;
  archived: boolean;
  codeAlerts: GhCodeAlert[];
  secretAlerts: GhSecretAlert[];
  alertInstances: Record<number, Json[]>;
  secretLocations: Record<number, Json[]>;
  autofixes: Record<number, Json>;
  dismissalRequests: Json[];
}

export type TokenKind = 'user' | 'app-user' | 'installation' | 'app';

export interface TokenRecord {
  login: string;
  kind: TokenKind;
  installationId?: number;
  // Epoch ms; expired tokens answer 401 like a revoked credential.
  expiresAt?: number;
  // An installation token may be narrowed to read-only to test permission errors.
  readOnly?: boolean;
  // The App client a user token was issued to; deleting that client's grant revokes it.
  clientId?: string;
}

// A user's refresh token (device flow); single use, revoked with the grant like the token.
export interface RefreshTokenRecord {
  login: string;
  clientId: string;
  expiresAt: number;
}

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  clientId: string;
  // Checked on the refresh flow and on the /applications/{client_id}/... endpoints.
  clientSecret: string;
  owner: string;
}

export interface DoubleState {
  users: Record<string, GhUser>;
  orgs: Record<string, OrgRecord>;
  // Keyed by lower-cased "owner/name" so lookups are case-insensitive like GitHub's.
  repos: Record<string, RepoRecord>;
  tokens: Record<string, TokenRecord>;
  refreshTokens: Record<string, RefreshTokenRecord>;
  app: AppRecord;
  installations: Record<number, { id: number; org: string }>;
}

export function createState(): DoubleState {
  return {
    users: {},
    orgs: {},
    repos: {},
    tokens: {},
    refreshTokens: {},
    app: {
      id: 424242,
      slug: 'burndown',
      name: 'Burndown',
      clientId: 'Iv1.burndown0000',
      clientSecret: 'burndown-client-secret-0000',
      owner: '',
    },
    installations: {},
  };
}

export function repoKey(owner: string, name: string): string {
  return `${owner}/${name}`.toLowerCase();
}

export function findRepo(state: DoubleState, owner: string, name: string): RepoRecord | undefined {
  return state.repos[repoKey(owner, name)];
}

export function findRepoById(state: DoubleState, id: number): RepoRecord | undefined {
  return Object.values(state.repos).find((r) => r.repo.id === id);
}

export function reposOfOrg(state: DoubleState, org: string): RepoRecord[] {
  const lower = org.toLowerCase();
  return Object.values(state.repos)
    .filter((r) => r.repo.owner.login.toLowerCase() === lower)
    .sort((a, b) => a.repo.id - b.repo.id);
}

export function findOrg(state: DoubleState, org: string): OrgRecord | undefined {
  const lower = org.toLowerCase();
  return Object.values(state.orgs).find((o) => o.login.toLowerCase() === lower);
}
