// How one alert snapshot is written inside its repository's hash. Redis keeps every stored
// alert, so each byte counts ten-thousand-fold: short keys, and nothing the hash key, the
// field or the repository's shared fields already say (kind, repository, number, URL base).
// What describes the rule (id, title, severity, tags) is most of a snapshot and the same
// for every alert of that rule, so it is stored once per repository and content, and each
// alert names it by a digest of that content: equal content, same field, same value, so
// concurrent writers can never disagree about what a field holds.
import { createHash } from 'node:crypto';
import type { AlertSnapshot, AlertStatus, Severity } from '../domain/types.ts';

/** Fields every alert of one repository shares, stored once in its hash. */
export interface RepoShared {
  /** `owner/name`. */
  repo: string;
  /** The alert page URL up to the number: `https://github.com/o/r/security/code-scanning/`. */
  base?: string;
}

/** Hash fields that are not alert numbers; `~` never starts a number. */
export const REPO_FIELD = '~repo';
export const BASE_FIELD = '~base';
const RULE_FIELD = '~r:';

/** The rule part. */
interface Rule {
  /** ruleId. */
  r?: string;
  /** title. */
  n?: string;
  /** severity; absent: `unknown`. */
  v?: Severity;
  /** tags; absent: none. */
  g?: string[];
}

/** The alert's own part. Absent means the default named beside each key. */
interface Own {
  /** The hash field holding the rule part, without its `~r:`. */
  k: string;
  /** status; absent: `open`. */
  s?: AlertStatus;
  /** state; absent: the same word as the status. */
  t?: string;
  /** assignees; absent: none. */
  a?: string[];
  p?: string;
  l?: number;
  /** htmlUrl; absent: the repository's base followed by the number. */
  u?: string;
  /** updatedAt. */
  m?: string;
  /** createdAt; absent: the same as updatedAt. */
  c?: string;
  cb?: string;
  cr?: string;
  cc?: string;
  ip?: boolean;
}

/** An alert's value as read, before its rule part is fetched. */
export type StoredAlert = Own;

/** What one put writes: the alert's own value and the rule part it names. */
export interface EncodedAlert {
  value: string;
  ruleField: string;
  rule: string;
}

/**
 * The URL base this alert's page implies, when it is GitHub's usual
 * `{origin}/{owner}/{name}/security/{code|secret}-scanning/{number}`. Any other URL is
 * stored whole, so an odd one never moves the base the repository's other alerts read.
 */
export function urlBase(
  s: Pick<AlertSnapshot, 'kind' | 'repo' | 'number' | 'htmlUrl'>,
): string | undefined {
  const page = s.kind === 'code' ? 'code-scanning' : 'secret-scanning';
  const tail = `/${s.repo}/security/${page}/${s.number}`;
  const url = s.htmlUrl;
  if (typeof url !== 'string' || !url.endsWith(tail)) return undefined;
  const origin = url.slice(0, url.length - tail.length);
  return /^https?:\/\/[^/]+$/.test(origin) ? url.slice(0, -String(s.number).length) : undefined;
}

/** Encodes against the shared fields the same hash write will store (or already holds). */
export function encodeAlert(s: AlertSnapshot, shared: RepoShared): EncodedAlert {
  const rule: Rule = { r: s.ruleId, n: s.title };
  if (s.severity !== 'unknown') rule.v = s.severity;
  if (s.tags?.length) rule.g = s.tags;
  const ruleJson = JSON.stringify(rule);
  // 60 bits: a clash needs about a billion distinct rule parts in one repository.
  const k = createHash('sha256').update(ruleJson).digest('base64url').slice(0, 10);
  const own: Own = { k };
  if (s.status !== 'open') own.s = s.status;
  if (s.state !== s.status) own.t = s.state;
  if (s.assignees?.length) own.a = s.assignees;
  own.p = s.path;
  own.l = s.line;
  if (shared.base === undefined || s.htmlUrl !== `${shared.base}${s.number}`) own.u = s.htmlUrl;
  own.m = s.updatedAt;
  if (s.createdAt !== s.updatedAt) own.c = s.createdAt;
  own.cb = s.closedBy;
  own.cr = s.closedReason;
  own.cc = s.closedComment;
  own.ip = s.inProgress;
  // JSON drops the keys left undefined, as the whole-snapshot JSON did before.
  return { value: JSON.stringify(own), ruleField: `${RULE_FIELD}${k}`, rule: ruleJson };
}

export function parseAlert(value: string): StoredAlert {
  return JSON.parse(value) as StoredAlert;
}

/** The hash field that holds this alert's rule part. */
export function ruleField(stored: StoredAlert): string {
  return `${RULE_FIELD}${stored.k}`;
}

/**
 * The snapshot as it was put: same keys, same values, optional keys absent when they were.
 * The repository name is whatever the hash holds now, so after a rename every alert of the
 * repository reads the newest name (and a URL written as base + number the newest base).
 */
export function decodeAlert(
  ref: Pick<AlertSnapshot, 'kind' | 'repoId' | 'number'>,
  own: StoredAlert,
  ruleJson: string,
  shared: RepoShared,
): AlertSnapshot {
  const rule = JSON.parse(ruleJson) as Rule;
  const status = own.s ?? 'open';
  const updatedAt = own.m as string;
  // Built in AlertSnapshot's own key order, so it also serialises as it did before.
  return {
    kind: ref.kind,
    repoId: ref.repoId,
    repo: shared.repo,
    number: ref.number,
    status,
    state: own.t ?? status,
    assignees: own.a ?? [],
    ruleId: rule.r as string,
    title: rule.n as string,
    severity: rule.v ?? 'unknown',
    tags: rule.g ?? [],
    ...(own.p !== undefined && { path: own.p }),
    ...(own.l !== undefined && { line: own.l }),
    htmlUrl: own.u ?? `${shared.base ?? ''}${ref.number}`,
    updatedAt,
    createdAt: own.c ?? updatedAt,
    ...(own.cb !== undefined && { closedBy: own.cb }),
    ...(own.cr !== undefined && { closedReason: own.cr }),
    ...(own.cc !== undefined && { closedComment: own.cc }),
    ...(own.ip !== undefined && { inProgress: own.ip }),
  };
}
