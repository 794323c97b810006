// Builders for users, repositories and teams: complete GitHub objects from a few inputs, so
// seed data always satisfies the response schemas the double validates against.
import type { GhRepo, GhTeam, GhUser, Json } from './state.ts';

export const API = 'https://api.github.com';
export const WEB = 'https://github.com';
export const BASE_TIME = '2026-01-05T09:00:00Z';

// Ids derive from names so the same seed gives the same ids in every run and process.
export function stableId(text: string, floor = 1_000_000): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return floor + (hash % 90_000_000);
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`${prefix}:${id}`).toString('base64url')}`;
}

export interface UserInput {
  login: string;
  id?: number;
  name?: string | null;
  email?: string | null;
  type?: 'User' | 'Bot' | 'Organization';
}

// Returns the private-user shape (what GET /user answers); narrower views are picked from it.
export function makeUser(input: UserInput): GhUser {
  const { login } = input;
  const id = input.id ?? stableId(`user:${login}`);
  const u = `${API}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId('U', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${WEB}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: input.type ?? 'User',
    site_admin: false,
    user_view_type: 'private',
    name: input.name === undefined ? login : input.name,
    company: null,
    blog: '',
    location: null,
    email: input.email ?? null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: BASE_TIME,
    updated_at: BASE_TIME,
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

const SIMPLE_USER_KEYS = (
  'name email login id node_id avatar_url gravatar_id url html_url followers_url ' +
  'following_url gists_url starred_url subscriptions_url organizations_url repos_url ' +
  'events_url received_events_url type site_admin user_view_type'
).split(' ');

// private-only keys; public-user has additionalProperties:false, so these must go.
const PRIVATE_ONLY_KEYS = ['two_factor_authentication', 'business_plus', 'ldap_dn'];

function pick(source: Json, keys: string[]): Json {
  return Object.fromEntries(keys.filter((k) => k in source).map((k) => [k, source[k]]));
}

export function simpleUser(user: GhUser): GhUser {
  return pick(user, SIMPLE_USER_KEYS) as GhUser;
}

export function publicUser(user: GhUser): GhUser {
  const out: Json = { ...user, user_view_type: 'public' };
  for (const key of PRIVATE_ONLY_KEYS) delete out[key];
  return out as GhUser;
}

export interface RepoInput {
  owner: string;
  name: string;
  id?: number;
  private?: boolean;
  description?: string | null;
  language?: string | null;
  archived?: boolean;
  defaultBranch?: string;
  ownerType?: 'User' | 'Organization';
  pushedAt?: string;
}

// Returns the minimal-repository shape; simpleRepository() narrows it for alert lists.
export function makeRepo(input: RepoInput): GhRepo {
  const id = input.id ?? stableId(`repo:${input.owner}/${input.name}`);
  const full = `${input.owner}/${input.name}`;
  const r = `${API}/repos/${full}`;
  const owner = simpleUser(
    makeUser({ login: input.owner, type: input.ownerType ?? 'Organization', name: null }),
  );
  return {
    id,
    node_id: nodeId('R', id),
    name: input.name,
    full_name: full,
    owner,
    private: input.private ?? true,
    html_url: `${WEB}/${full}`,
    description: input.description ?? null,
    fork: false,
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    hooks_url: `${r}/hooks`,
    language: input.language ?? null,
    default_branch: input.defaultBranch ?? 'main',
    archived: input.archived ?? false,
    disabled: false,
    visibility: input.private === false ? 'public' : 'private',
    pushed_at: input.pushedAt ?? BASE_TIME,
    created_at: '2023-03-01T12:00:00Z',
    updated_at: input.pushedAt ?? BASE_TIME,
  };
}

const SIMPLE_REPO_KEYS = (
  'id node_id name full_name owner private html_url description fork url archive_url ' +
  'assignees_url blobs_url branches_url collaborators_url comments_url commits_url ' +
  'compare_url contents_url contributors_url deployments_url downloads_url events_url ' +
  'forks_url git_commits_url git_refs_url git_tags_url issue_comment_url ' +
  'issue_events_url issues_url keys_url labels_url languages_url merges_url ' +
  'milestones_url notifications_url pulls_url releases_url stargazers_url statuses_url ' +
  'subscribers_url subscription_url tags_url teams_url trees_url hooks_url'
).split(' ');

export function simpleRepository(repo: GhRepo): GhRepo {
  return pick(repo, SIMPLE_REPO_KEYS) as GhRepo;
}

export interface TeamInput {
  org: string;
  slug: string;
  name?: string;
  description?: string | null;
}

export function makeTeam(input: TeamInput): GhTeam {
  const id = stableId(`team:${input.org}/${input.slug}`, 100_000);
  const t = `${API}/organizations/${stableId(`org:${input.org}`)}/team/${id}`;
  return {
    id,
    node_id: nodeId('T', id),
    url: t,
    html_url: `${WEB}/orgs/${input.org}/teams/${input.slug}`,
    name: input.name ?? input.slug,
    slug: input.slug,
    description: input.description ?? null,
    privacy: 'closed',
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${t}/members{/member}`,
    repositories_url: `${t}/repos`,
    type: 'organization',
    organization_id: stableId(`org:${input.org}`),
    parent: null,
  };
}
