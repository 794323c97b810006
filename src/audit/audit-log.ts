// The durable record of what people did to alerts from Slack: one entry per attempt, kept in
// the store as a list per campaign and one global list, oldest first. Nothing here is ever
// rewritten; a refused or failed attempt is recorded like a successful one.
import type { AlertRef } from '../domain/types.ts';
import { alertKey } from '../domain/types.ts';
import type { Kv } from '../store/kv.ts';

export type AuditAction =
  | 'assign'
  | 'unassign'
  | 'dismiss'
  | 'reopen'
  | 'autofix_generate'
  | 'autofix_commit'
  | 'dismissal_review';

/** How the attempt ended, in words a reader of the log understands. */
export type AuditResult =
  | 'ok'
  | 'requested'
  | 'not_signed_in'
  | 'invalid_input'
  | 'already_done'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'failed';

export interface AuditEntry {
  /** ISO 8601. */
  at: string;
  slackUserId: string;
  /** Empty when the person had no signed-in GitHub account. */
  githubLogin: string;
  alert: string;
  repo: string;
  number: number;
  action: AuditAction;
  /** The dismissal reason, the assignee(s), or the approve/deny decision. */
  reason: string;
  comment: string;
  result: AuditResult;
  /** What went wrong, in plain words; empty on success. */
  detail: string;
  /** Burndown campaign ids the alert belongs to. */
  campaigns: string[];
}

export type NewAuditEntry = Omit<AuditEntry, 'alert' | 'repo' | 'number' | 'campaigns'> & {
  target: Pick<AlertRef, 'kind' | 'repoId' | 'number' | 'repo'>;
  campaigns: string[];
};

const GLOBAL = 'audit:all';
const campaignKey = (id: string) => `audit:campaign:${id}`;

export class AuditLog {
  constructor(private readonly kv: Kv) {}

  async append(input: NewAuditEntry): Promise<AuditEntry> {
    const { target, ...rest } = input;
    const entry: AuditEntry = {
      ...rest,
      alert: alertKey(target),
      repo: target.repo,
      number: target.number,
    };
    const line = JSON.stringify(entry);
    await this.kv.rPush(GLOBAL, line);
    for (const id of entry.campaigns) await this.kv.rPush(campaignKey(id), line);
    return entry;
  }

  /** Entries of one campaign (or all, with `null`), oldest first. */
  async list(campaignId: string | null): Promise<AuditEntry[]> {
    const raws = await this.kv.lRange(campaignId ? campaignKey(campaignId) : GLOBAL, 0, -1);
    return raws.map((r) => JSON.parse(r) as AuditEntry);
  }
}
