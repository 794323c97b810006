// Reads the organization's code and secret scanning alerts, most recently updated first, and
// stops at the last sync: an unchanged first page answers 304 and costs nothing. Every alert
// read goes through observeAlert, exactly like a webhook delivery. One alert that fails is
// logged and read again by the next poll; it never holds back the others.
import type { AppContext } from '../app-context.ts';
import { type AlertKind, type AlertSnapshot, alertKey } from '../domain/types.ts';
import { codeAlertSnapshot, type RepoLike, secretAlertSnapshot } from '../github/alerts.ts';
import { conditionalGet } from './conditional-get.ts';
import { failureCode } from './failure-code.ts';
import { observeAlert } from './observe-alert.ts';

type Json = Record<string, unknown>;

const ROUTES: Record<AlertKind, string> = {
  code: 'GET /orgs/{org}/code-scanning/alerts',
  secret: 'GET /orgs/{org}/secret-scanning/alerts',
};
// A safety stop for a first poll of a very large organization; the next poll continues.
const MAX_PAGES = 200;

const sinceKey = (kind: AlertKind) => `poll:since:${kind}`;

export interface AlertPollResult {
  kind: AlertKind;
  pages: number;
  seen: number;
  changed: number;
  /** True for the first poll, which only records the current state. */
  baseline: boolean;
  /** Alerts that could not be handled; the next poll reads them again. */
  failed: number;
}

function snapshotOf(kind: AlertKind, item: Json): AlertSnapshot | null {
  const repo = item.repository as Partial<RepoLike> | undefined;
  if (typeof repo?.id !== 'number' || typeof repo.full_name !== 'string') return null;
  const r = { id: repo.id, full_name: repo.full_name };
  return kind === 'code' ? codeAlertSnapshot(item, r) : secretAlertSnapshot(item, r);
}

/**
 * A `since` one second before `updated`, in GitHub's format: the next poll reads every alert
 * updated at that second again, whatever order GitHub lists same-second alerts in.
 */
function justBefore(updated: string): string | undefined {
  const ms = Date.parse(updated);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms - 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

async function seenAt(ctx: AppContext, s: AlertSnapshot, updated: string): Promise<boolean> {
  return (await ctx.repos.alerts.get(s))?.updatedAt === updated;
}

export async function pollAlerts(ctx: AppContext, kind: AlertKind): Promise<AlertPollResult> {
  const since = await ctx.kv.get(sinceKey(kind));
  // The first poll only records what exists: announcing the backlog would flood everyone.
  const baseline = since === null;
  const params: Json = {
    org: ctx.config.GITHUB_ORG,
    sort: 'updated',
    direction: 'desc',
    per_page: 100,
    // Never ask for the secret itself: nothing Burndown does needs it.
    ...(kind === 'secret' ? { hide_secret: true } : {}),
  };
  const commits: Array<() => Promise<void>> = [];
  let newest = since ?? '';
  let pages = 0;
  let seen = 0;
  let changed = 0;
  let failed = 0;
  // The oldest update time of an alert that failed: `since` must not move past it.
  let retryFrom: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await conditionalGet<Json[]>(ctx, ROUTES[kind], { ...params, page });
    pages++;
    if (!res.changed) break;
    commits.push(res.commit);
    let older = false;
    for (const item of res.data) {
      const updated = String(item.updated_at ?? item.created_at ?? '');
      if (since && updated < since) {
        older = true;
        break;
      }
      const snapshot = snapshotOf(kind, item);
      if (!snapshot) continue;
      // Many alerts share the last sync's second (a bulk assignment); one already seen at that
      // second means the rest of the list was read before.
      if (since && updated === since && (await seenAt(ctx, snapshot, updated))) {
        older = true;
        break;
      }
      seen++;
      try {
        const found = await observeAlert(ctx, snapshot, {
          firstSightingIsNews: !baseline,
          flush: false,
        });
        if (found.length) changed++;
      } catch (err) {
        // Redraws never fail here (they are best effort); this is the alert's state or its
        // notices not being stored, so it must be read again.
        failed++;
        if (retryFrom === undefined || updated < retryFrom) retryFrom = updated;
        ctx.logger.error(
          { err, kind, alert: alertKey(snapshot), code: failureCode(err) },
          'alert not synced; the next poll reads it again',
        );
        continue;
      }
      if (updated > newest) newest = updated;
    }
    if (older || !res.hasNext) break;
  }
  let next = newest || ctx.now().toISOString();
  if (failed === 0) {
    for (const commit of commits) await commit();
  } else {
    // Keeping the pages' ETags would make an unchanged first page answer 304 next time, and
    // the failed alert would never be read again; so would a `since` past it.
    const before = retryFrom === undefined ? undefined : justBefore(retryFrom);
    if (before === undefined) next = since ?? next;
    else if (before < next) next = before;
  }
  await ctx.kv.set(sinceKey(kind), next);
  return { kind, pages, seen, changed, baseline, failed };
}
