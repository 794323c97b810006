// Code scanning alerts: org and repo lists, single alert, update, instances and autofix.
import { hasRepoAccess, requireIdentity, requireRepoAccess, requireSecurityRole } from '../auth.ts';
import { makeCodeInstance } from '../builders-alerts.ts';
import { simpleRepository, simpleUser, stableId } from '../builders-core.ts';
import { ApiError, notFound, validationFailed } from '../errors.ts';
import { type Checked, type Ctx, type HandlerTable, iso, sortBy } from '../handler-types.ts';
import {
  findOrg,
  findRepo,
  type GhCodeAlert,
  type Json,
  type RepoRecord,
  reposOfOrg,
} from '../state.ts';

const SECURITY_LEVELS = ['critical', 'high', 'medium', 'low'];

function repoFor(ctx: Ctx, need: 'read' | 'write'): RepoRecord {
  const identity = requireIdentity(ctx.identity);
  const repo = findRepo(ctx.state, ctx.path.owner, ctx.path.repo);
  if (!repo) throw notFound();
  requireRepoAccess(ctx.state, identity, repo, need);
  if (need === 'write' && repo.archived) {
    throw new ApiError(403, 'Repository is archived and its alerts cannot be changed.');
  }
  return repo;
}

function alertFor(repo: RepoRecord, number: number): GhCodeAlert {
  const alert = repo.codeAlerts.find((a) => a.number === number);
  if (!alert) throw new ApiError(404, 'No alert found for alert number');
  return alert;
}

function matches(alert: GhCodeAlert, q: Record<string, Checked>): boolean {
  if (q.state && alert.state !== q.state) return false;
  if (q.tool_name && alert.tool.name !== q.tool_name) return false;
  if (q.severity) {
    const field = SECURITY_LEVELS.includes(q.severity)
      ? alert.rule.security_severity_level
      : alert.rule.severity;
    if (field !== q.severity) return false;
  }
  if (q.assignees) {
    const logins = alert.assignees.map((a) => a.login);
    if (q.assignees === '*') return logins.length > 0;
    if (q.assignees === 'none') return logins.length === 0;
    const wanted = String(q.assignees).split(',');
    if (!wanted.some((w) => logins.includes(w))) return false;
  }
  return true;
}

// List items are the alert without linked_pull_requests (that field is single-GET only).
function listItem(alert: GhCodeAlert): Json {
  const { linked_pull_requests: _ignored, ...rest } = alert;
  return rest;
}

function sorted(alerts: GhCodeAlert[], q: Record<string, Checked>): GhCodeAlert[] {
  const key = q.sort === 'updated' ? 'updated_at' : 'created_at';
  // Number breaks ties so seeded alerts sharing a timestamp keep a stable order.
  const pad = (a: GhCodeAlert) => `${a[key]}#${String(a.number).padStart(8, '0')}`;
  return sortBy(alerts, pad, q.direction ?? 'desc');
}

function applyUpdate(ctx: Ctx, repo: RepoRecord, alert: GhCodeAlert): void {
  const body = ctx.body as Record<string, Checked>;
  const actor = ctx.state.users[ctx.identity?.login ?? ''];
  if (body.assignees) {
    const users = (body.assignees as string[]).map((login) => {
      const user = ctx.state.users[login];
      // The docs say assignees need write access; the spec names no error, so 422 is a guess.
      if (!user || !hasRepoAccess(ctx.state, login, repo, 'write')) {
        throw validationFailed('CodeScanningAlert', 'assignees', `${login} cannot be assigned`);
      }
      return simpleUser(user);
    });
    alert.assignees = users;
  }
  if (body.state === 'dismissed') {
    if (!body.dismissed_reason) {
      throw new ApiError(400, 'A dismissed_reason is required when dismissing an alert.');
    }
    if (alert.state === 'fixed') throw new ApiError(400, 'A fixed alert cannot be dismissed.');
    if (body.create_request) {
      fileDismissalRequest(ctx, repo, alert);
      return;
    }
    alert.state = 'dismissed';
    alert.dismissed_reason = body.dismissed_reason;
    alert.dismissed_comment = body.dismissed_comment ?? null;
    alert.dismissed_at = iso(ctx.now);
    alert.dismissed_by = actor ? simpleUser(actor) : null;
  } else if (body.state === 'open') {
    if (alert.state === 'fixed') throw new ApiError(400, 'A fixed alert cannot be reopened.');
    alert.state = 'open';
    alert.dismissed_reason = null;
    alert.dismissed_comment = null;
    alert.dismissed_at = null;
    alert.dismissed_by = null;
  }
  (alert.most_recent_instance as Json).state = alert.state;
  alert.updated_at = iso(ctx.now);
}

function fileDismissalRequest(ctx: Ctx, repo: RepoRecord, alert: GhCodeAlert): void {
  const body = ctx.body as Record<string, Checked>;
  const requester = ctx.state.users[ctx.identity?.login ?? ''];
  const id = stableId(`dismissal:${repo.repo.full_name}#${alert.number}:${ctx.now}`);
  const org = findOrg(ctx.state, repo.repo.owner.login);
  const url = `${repo.repo.url}/dismissal-requests/code-scanning/${alert.number}`;
  repo.dismissalRequests.push({
    id,
    number: alert.number,
    repository: { id: repo.repo.id, name: repo.repo.name, full_name: repo.repo.full_name },
    organization: { id: org?.id ?? 0, name: repo.repo.owner.login },
    requester: { actor_id: requester?.id ?? 0, actor_name: ctx.identity?.login ?? '' },
    request_type: 'code_scanning_alert_dismissal',
    data: [{ reason: body.dismissed_reason, alert_number: String(alert.number) }],
    resource_identifier: String(alert.number),
    status: 'pending',
    requester_comment: body.dismissed_comment ?? null,
    expires_at: iso(ctx.now + 7 * 86_400_000),
    created_at: iso(ctx.now),
    responses: [],
    url,
    html_url: `${repo.repo.html_url}/security/code-scanning/${alert.number}`,
  });
}

export const codeScanningHandlers: HandlerTable = {
  'code-scanning/list-alerts-for-org': (ctx) => {
    const identity = requireIdentity(ctx.identity);
    const org = findOrg(ctx.state, ctx.path.org);
    if (!org) throw notFound();
    requireSecurityRole(ctx.state, identity, org, false);
    const rows: Array<{ alert: GhCodeAlert; repo: RepoRecord }> = [];
    for (const repo of reposOfOrg(ctx.state, org.login)) {
      for (const alert of repo.codeAlerts) {
        if (matches(alert, ctx.query)) rows.push({ alert, repo });
      }
    }
    const order = sorted(
      rows.map((r) => r.alert),
      ctx.query,
    );
    const repoOf = new Map(rows.map((r) => [r.alert, r.repo]));
    const items = order.map((alert) => ({
      ...listItem(alert),
      repository: simpleRepository((repoOf.get(alert) as RepoRecord).repo),
    }));
    return { status: 200, items };
  },

  'code-scanning/list-alerts-for-repo': (ctx) => {
    const repo = repoFor(ctx, 'read');
    const picked = repo.codeAlerts.filter((a) => matches(a, ctx.query));
    return { status: 200, items: sorted(picked, ctx.query).map(listItem) };
  },

  'code-scanning/get-alert': (ctx) => {
    const repo = repoFor(ctx, 'read');
    return { status: 200, body: alertFor(repo, ctx.path.alert_number) };
  },

  'code-scanning/update-alert': (ctx) => {
    const repo = repoFor(ctx, 'write');
    const alert = alertFor(repo, ctx.path.alert_number);
    applyUpdate(ctx, repo, alert);
    return { status: 200, body: alert };
  },

  'code-scanning/list-alert-instances': (ctx) => {
    const repo = repoFor(ctx, 'read');
    const alert = alertFor(repo, ctx.path.alert_number);
    return { status: 200, items: repo.alertInstances[alert.number] ?? [makeCodeInstance(alert)] };
  },

  'code-scanning/get-autofix': (ctx) => {
    const repo = repoFor(ctx, 'read');
    alertFor(repo, ctx.path.alert_number);
    const fix = repo.autofixes[ctx.path.alert_number];
    if (!fix) throw notFound();
    // Generation is instant in the double: a pending fix is ready by the next read.
    if (fix.status === 'pending') {
      fix.status = 'success';
      fix.description = 'Use a parameterized query instead of building the string.';
    }
    return { status: 200, body: fix };
  },

  'code-scanning/create-autofix': (ctx) => {
    const repo = repoFor(ctx, 'write');
    const alert = alertFor(repo, ctx.path.alert_number);
    if (alert.state !== 'open')
      throw new ApiError(422, 'Autofix is only available for open alerts.');
    const existing = repo.autofixes[alert.number];
    if (existing && existing.status === 'success') return { status: 200, body: existing };
    if (existing && existing.status === 'pending') return { status: 202, body: existing };
    const fix = { status: 'pending', description: null, started_at: iso(ctx.now) };
    repo.autofixes[alert.number] = fix;
    return { status: 202, body: fix };
  },

  'code-scanning/commit-autofix': (ctx) => {
    const repo = repoFor(ctx, 'write');
    const alert = alertFor(repo, ctx.path.alert_number);
    const fix = repo.autofixes[alert.number];
    if (fix?.status !== 'success') {
      throw new ApiError(400, 'No successful autofix exists for this alert.');
    }
    const body = (ctx.body ?? {}) as Record<string, Checked>;
    const targetRef = body.target_ref ?? `refs/heads/alert-autofix-${alert.number}`;
    const sha = stableId(`${repo.repo.full_name}:${targetRef}:${ctx.now}`, 0)
      .toString(16)
      .padStart(40, 'a');
    return { status: 201, body: { target_ref: targetRef, sha } };
  },
};
