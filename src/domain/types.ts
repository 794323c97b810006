// The shapes Burndown reasons about, independent of how GitHub or Slack spell them.

export type AlertKind = 'code' | 'secret';

/** Severity as people read it; alerts without a security severity are `unknown`, never critical. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown';

/** Where an alert lives: enough to find it on GitHub again. */
export interface AlertRef {
  kind: AlertKind;
  repoId: number;
  /** `owner/name`. */
  repo: string;
  number: number;
}

/** Open, or how it was closed. A secret resolved as `revoked` counts as fixed. */
export type AlertStatus = 'open' | 'fixed' | 'dismissed';

/** What Burndown last saw of an alert; the base for telling what changed. */
export interface AlertSnapshot extends AlertRef {
  status: AlertStatus;
  /** GitHub's own state word (`open`, `dismissed`, `fixed`, `resolved`). */
  state: string;
  assignees: string[];
  /** Rule id (code) or secret type (secret). */
  ruleId: string;
  /** A short human title: the rule's description, or the secret type's display name. */
  title: string;
  severity: Severity;
  tags: string[];
  path?: string;
  line?: number;
  htmlUrl: string;
  updatedAt: string;
  createdAt: string;
  /** Who closed it, why, and what they said. */
  closedBy?: string;
  closedReason?: string;
  closedComment?: string;
  /** Whether GitHub reports work under way (a linked pull request or branch). */
  inProgress?: boolean;
}

export function alertKey(ref: Pick<AlertRef, 'kind' | 'repoId' | 'number'>): string {
  return `${ref.kind}:${ref.repoId}:${ref.number}`;
}
