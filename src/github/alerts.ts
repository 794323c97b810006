// Turns GitHub's code and secret scanning alert objects (REST or webhook) into snapshots.
// GitHub marks almost nothing required in these schemas, so every field is read defensively.
import type { AlertSnapshot, AlertStatus, Severity } from '../domain/types.ts';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const login = (v: unknown): string | undefined => str(obj(v).login);

export interface RepoLike {
  id: number;
  full_name: string;
}

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];

/** Code scanning severity; an alert without a security severity is unknown, not critical. */
export function codeSeverity(rule: Json): Severity {
  const level = str(rule.security_severity_level);
  return SEVERITIES.includes(level as Severity) ? (level as Severity) : 'unknown';
}

function codeStatus(state: string | undefined): AlertStatus {
  if (state === 'fixed') return 'fixed';
  if (state === 'dismissed') return 'dismissed';
  return 'open';
}

/** `revoked` means the secret no longer works: that is the fix. Other resolutions dismiss. */
export function secretStatus(state: string | undefined, resolution: string | undefined) {
  if (state !== 'resolved' && !resolution) return 'open' as const;
  return resolution === 'revoked' ? ('fixed' as const) : ('dismissed' as const);
}

export function codeAlertSnapshot(alert: Json, repo: RepoLike): AlertSnapshot {
  const rule = obj(alert.rule);
  const instance = obj(alert.most_recent_instance);
  const location = obj(instance.location);
  const assignees = Array.isArray(alert.assignees)
    ? (alert.assignees.map(login).filter(Boolean) as string[])
    : [];
  const state = str(alert.state) ?? 'open';
  const linked = alert.linked_pull_requests;
  return {
    kind: 'code',
    repoId: repo.id,
    repo: repo.full_name,
    number: num(alert.number) ?? 0,
    status: codeStatus(state),
    state,
    assignees,
    ruleId: str(rule.id) ?? 'unknown-rule',
    title: str(rule.description) ?? str(rule.name) ?? str(rule.id) ?? 'Code scanning alert',
    severity: codeSeverity(rule),
    tags: Array.isArray(rule.tags)
      ? (rule.tags.filter((t) => typeof t === 'string') as string[])
      : [],
    path: str(location.path),
    line: num(location.start_line),
    htmlUrl: str(alert.html_url) ?? '',
    updatedAt: str(alert.updated_at) ?? str(alert.created_at) ?? '',
    createdAt: str(alert.created_at) ?? '',
    closedBy: login(alert.dismissed_by),
    closedReason: str(alert.dismissed_reason),
    closedComment: str(alert.dismissed_comment),
    inProgress: Array.isArray(linked) && linked.length > 0 ? true : undefined,
  };
}

export function secretAlertSnapshot(alert: Json, repo: RepoLike): AlertSnapshot {
  const resolution = str(alert.resolution);
  const state = str(alert.state) ?? (resolution ? 'resolved' : 'open');
  const assignee = login(alert.assigned_to);
  const first = obj(alert.first_location_detected);
  return {
    kind: 'secret',
    repoId: repo.id,
    repo: repo.full_name,
    number: num(alert.number) ?? 0,
    status: secretStatus(state, resolution),
    state,
    assignees: assignee ? [assignee] : [],
    ruleId: str(alert.secret_type) ?? 'secret',
    title: str(alert.secret_type_display_name) ?? str(alert.secret_type) ?? 'Secret',
    // Secrets carry no severity; an active or public leak is what makes one urgent.
    severity:
      alert.publicly_leaked === true || str(alert.validity) === 'active' ? 'high' : 'unknown',
    tags: [str(alert.provider), str(alert.validity)].filter(Boolean) as string[],
    path: str(first.path),
    line: num(first.start_line),
    htmlUrl: str(alert.html_url) ?? '',
    updatedAt: str(alert.updated_at) ?? str(alert.created_at) ?? '',
    createdAt: str(alert.created_at) ?? '',
    closedBy: login(alert.resolved_by),
    closedReason: resolution,
    closedComment: str(alert.resolution_comment),
  };
}
