// Builders for code scanning alerts, secret scanning alerts and campaigns. Inputs are the
// facts a test cares about; everything else gets a believable, schema-valid default.
import { API, BASE_TIME, makeUser, simpleUser, stableId, WEB } from './builders-core.ts';
import type { GhCampaign, GhCodeAlert, GhRepo, GhSecretAlert, GhUser, Json } from './state.ts';

type UserRef = string | GhUser;
type RepoRef = string | GhRepo;

function fullName(repo: RepoRef): string {
  return typeof repo === 'string' ? repo : repo.full_name;
}

function toSimple(user: UserRef): GhUser {
  return simpleUser(typeof user === 'string' ? makeUser({ login: user }) : user);
}

function sha(text: string): string {
  let out = '';
  for (let i = 0; out.length < 40; i++) out += stableId(`${text}:${i}`, 0).toString(16);
  return out.slice(0, 40);
}

// CodeQL writes CWE tags as external/cwe/cwe-NNN with at least three digits.
export function cweTag(cwe: string | number): string {
  const digits = String(cwe).replace(/\D/g, '');
  return `external/cwe/cwe-${digits.padStart(3, '0')}`;
}

const LANGUAGE_BY_PREFIX: Record<string, string> = {
  js: 'javascript',
  py: 'python',
  java: 'java',
  go: 'go',
  rb: 'ruby',
  cs: 'csharp',
  cpp: 'cpp',
  swift: 'swift',
  actions: 'actions',
  rust: 'rust',
};

export interface CodeAlertInput {
  repo: RepoRef;
  number: number;
  ruleId: string;
  ruleName?: string;
  description?: string;
  severity?: 'none' | 'note' | 'warning' | 'error';
  securitySeverity?: 'low' | 'medium' | 'high' | 'critical' | null;
  cwe?: string | number | Array<string | number>;
  path?: string;
  line?: number;
  assignees?: UserRef[];
  state?: 'open' | 'dismissed' | 'fixed';
  dismissedBy?: UserRef | null;
  dismissedReason?: 'false positive' | "won't fix" | 'used in tests' | 'mitigated' | null;
  createdAt?: string;
  message?: string;
  // Replaces the default ["security", ...cwe tags] for non-security (quality) rules.
  tags?: string[];
}

export function makeCodeAlert(input: CodeAlertInput): GhCodeAlert {
  const full = fullName(input.repo);
  const n = input.number;
  const url = `${API}/repos/${full}/code-scanning/alerts/${n}`;
  const state = input.state ?? 'open';
  const language = LANGUAGE_BY_PREFIX[input.ruleId.split('/')[0] ?? ''] ?? 'javascript';
  const cwes = input.cwe === undefined ? [] : ([] as Array<string | number>).concat(input.cwe);
  const line = input.line ?? 1 + (stableId(`${full}#${n}`, 0) % 400);
  const created = input.createdAt ?? BASE_TIME;
  const dismissed = state === 'dismissed';
  const name = input.ruleName ?? input.ruleId.split('/').pop() ?? input.ruleId;
  return {
    number: n,
    created_at: created,
    updated_at: created,
    url,
    html_url: `${WEB}/${full}/security/code-scanning/${n}`,
    instances_url: `${url}/instances`,
    state,
    fixed_at: state === 'fixed' ? created : null,
    dismissed_by: dismissed ? toSimple(input.dismissedBy ?? 'octocat') : null,
    dismissed_at: dismissed ? created : null,
    dismissed_reason: dismissed ? (input.dismissedReason ?? "won't fix") : null,
    dismissed_comment: null,
    rule: {
      id: input.ruleId,
      name,
      severity: input.severity ?? 'error',
      security_severity_level:
        input.securitySeverity === undefined ? 'high' : input.securitySeverity,
      description: input.description ?? name,
      full_description: input.description ?? name,
      tags: input.tags ?? ['security', ...cwes.map(cweTag)],
      help: null,
      help_uri: null,
    },
    tool: { name: 'CodeQL', guid: null, version: '2.23.3' },
    most_recent_instance: {
      ref: 'refs/heads/main',
      analysis_key: '.github/workflows/codeql.yml:analyze',
      environment: JSON.stringify({ language }),
      category: `/language:${language}`,
      state,
      commit_sha: sha(`${full}#${n}`),
      message: { text: input.message ?? `${name} reaches this sink.` },
      location: {
        path: input.path ?? 'src/index.js',
        start_line: line,
        end_line: line,
        start_column: 5,
        end_column: 40,
      },
      classifications: [],
    },
    dismissal_approved_by: null,
    assignees: (input.assignees ?? []).map(toSimple),
    linked_pull_requests: [],
  };
}

export interface SecretAlertInput {
  repo: RepoRef;
  number: number;
  secretType: string;
  displayName?: string;
  provider?: string | null;
  providerSlug?: string | null;
  secret?: string;
  state?: 'open' | 'resolved';
  resolution?: 'false_positive' | 'wont_fix' | 'revoked' | 'used_in_tests' | null;
  assignee?: UserRef | null;
  validity?: 'active' | 'inactive' | 'unknown';
  path?: string;
  line?: number;
  createdAt?: string;
  publiclyLeaked?: boolean;
}

/** Every secret value any double was seeded with in this process, for leak scans. */
export const seededSecrets = new Set<string>();

export function makeSecretAlert(input: SecretAlertInput): GhSecretAlert {
  const full = fullName(input.repo);
  const n = input.number;
  const secret = input.secret ?? `fake_${input.secretType}_${sha(`${full}#s${n}`).slice(0, 24)}`;
  seededSecrets.add(secret);
  const url = `${API}/repos/${full}/secret-scanning/alerts/${n}`;
  const resolved = input.state === 'resolved';
  const created = input.createdAt ?? BASE_TIME;
  return {
    number: n,
    created_at: created,
    updated_at: created,
    url,
    html_url: `${WEB}/${full}/security/secret-scanning/${n}`,
    locations_url: `${url}/locations`,
    state: resolved ? 'resolved' : 'open',
    resolution: resolved ? (input.resolution ?? 'revoked') : null,
    resolved_at: resolved ? created : null,
    resolved_by: resolved ? toSimple('octocat') : null,
    resolution_comment: null,
    secret_type: input.secretType,
    secret_type_display_name: input.displayName ?? input.secretType,
    provider: input.provider === undefined ? null : input.provider,
    provider_slug: input.providerSlug === undefined ? null : input.providerSlug,
    secret,
    push_protection_bypassed: false,
    push_protection_bypassed_by: null,
    push_protection_bypassed_at: null,
    validity: input.validity ?? 'unknown',
    publicly_leaked: input.publiclyLeaked ?? false,
    multi_repo: false,
    is_base64_encoded: false,
    first_location_detected: makeCommitLocationDetails(full, n, input.path, input.line),
    has_more_locations: false,
    assigned_to: input.assignee ? toSimple(input.assignee) : null,
  };
}

function makeCommitLocationDetails(full: string, n: number, path?: string, line?: number): Json {
  const commit = sha(`${full}#commit${n}`);
  const blob = sha(`${full}#blob${n}`);
  const at = line ?? 3;
  return {
    path: path ?? 'config/settings.env',
    start_line: at,
    end_line: at,
    start_column: 12,
    end_column: 52,
    blob_sha: blob,
    blob_url: `${API}/repos/${full}/git/blobs/${blob}`,
    commit_sha: commit,
    commit_url: `${API}/repos/${full}/git/commits/${commit}`,
  };
}

export function makeSecretLocation(alert: GhSecretAlert): Json {
  return { type: 'commit', details: alert.first_location_detected };
}

// The instance list item mirrors most_recent_instance; GitHub adds nothing else we need.
export function makeCodeInstance(alert: GhCodeAlert): Json {
  return { ...(alert.most_recent_instance as Json) };
}

export interface CampaignInput {
  number: number;
  name: string;
  description?: string;
  managers?: UserRef[];
  endsAt?: string;
  state?: 'open' | 'closed';
  createdAt?: string;
  contactLink?: string | null;
}

export function makeCampaign(input: CampaignInput): GhCampaign {
  const created = input.createdAt ?? BASE_TIME;
  const closed = input.state === 'closed';
  return {
    number: input.number,
    created_at: created,
    updated_at: created,
    name: input.name,
    description: input.description ?? `${input.name}.`,
    managers: (input.managers ?? []).map(toSimple),
    team_managers: [],
    published_at: created,
    ends_at: input.endsAt ?? new Date(Date.parse(created) + 30 * 86_400_000).toISOString(),
    closed_at: closed ? created : null,
    state: closed ? 'closed' : 'open',
    contact_link: input.contactLink ?? null,
  };
}
