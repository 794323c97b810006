// Delegated alert dismissal for code scanning (GitHub Enterprise Cloud only). A PATCH on an
// alert with create_request:true files a request; a reviewer approves or denies it here.
import { requireIdentity, requireRepoAccess, requireSecurityRole } from '../auth.ts';
import { simpleUser, stableId } from '../builders-core.ts';
import { ApiError, notFound } from '../errors.ts';
import { type Checked, type Ctx, type HandlerTable, iso } from '../handler-types.ts';
import { findOrg, findRepo, type Json, type RepoRecord, reposOfOrg } from '../state.ts';

const PERIOD_MS: Record<string, number> = {
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
};

// The filter calls an unreviewed request "open" while the object says "pending".
function matches(request: Json, q: Record<string, Checked>, now: number): boolean {
  const status = q.request_status ?? 'all';
  if (status !== 'all' && request.status !== (status === 'open' ? 'pending' : status)) return false;
  const requester = request.requester as { actor_name?: string };
  if (q.requester && requester.actor_name !== q.requester) return false;
  if (q.reviewer) {
    const responses = (request.responses ?? []) as Array<{ reviewer?: { actor_name?: string } }>;
    if (!responses.some((r) => r.reviewer?.actor_name === q.reviewer)) return false;
  }
  const since = now - (PERIOD_MS[q.time_period ?? 'month'] ?? PERIOD_MS.month!);
  return Date.parse(String(request.created_at)) >= since;
}

function repoFor(ctx: Ctx): RepoRecord {
  const identity = requireIdentity(ctx.identity);
  const repo = findRepo(ctx.state, ctx.path.owner, ctx.path.repo);
  if (!repo) throw notFound();
  requireRepoAccess(ctx.state, identity, repo, 'read');
  return repo;
}

function requestFor(repo: RepoRecord, number: number): Json {
  const found = [...repo.dismissalRequests].reverse().find((r) => r.number === number);
  if (!found) throw notFound();
  return found;
}

export const dismissalRequestHandlers: HandlerTable = {
  'code-scanning/list-org-dismissal-requests': (ctx) => {
    const identity = requireIdentity(ctx.identity);
    const org = findOrg(ctx.state, ctx.path.org);
    if (!org) throw notFound();
    requireSecurityRole(ctx.state, identity, org, false);
    const items = reposOfOrg(ctx.state, org.login)
      .filter((r) => !ctx.query.repository_name || r.repo.name === ctx.query.repository_name)
      .flatMap((r) => r.dismissalRequests)
      .filter((r) => matches(r, ctx.query, ctx.now));
    return { status: 200, items };
  },

  'code-scanning/list-dismissal-requests-for-repo': (ctx) => {
    const repo = repoFor(ctx);
    return {
      status: 200,
      items: repo.dismissalRequests.filter((r) => matches(r, ctx.query, ctx.now)),
    };
  },

  'code-scanning/get-dismissal-request-for-repo': (ctx) => {
    const repo = repoFor(ctx);
    return { status: 200, body: requestFor(repo, ctx.path.alert_number) };
  },

  'code-scanning/review-dismissal-request-for-repo': (ctx) => {
    const identity = requireIdentity(ctx.identity);
    const repo = repoFor(ctx);
    const org = findOrg(ctx.state, repo.repo.owner.login);
    if (!org) throw notFound();
    requireSecurityRole(ctx.state, identity, org, true);
    const request = requestFor(repo, ctx.path.alert_number);
    if (request.status !== 'pending') {
      throw new ApiError(422, 'This dismissal request has already been reviewed.');
    }
    const message = String(ctx.body.message);
    if (message.length > 2048) {
      throw new ApiError(422, 'The message has a maximum length of 2048 characters.');
    }
    const approve = ctx.body.status === 'approve';
    const reviewer = ctx.state.users[identity.login];
    request.status = approve ? 'approved' : 'denied';
    (request.responses as Json[]).push({
      id: stableId(`review:${String(request.id)}`),
      reviewer: { actor_id: reviewer?.id ?? 0, actor_name: identity.login },
      message,
      status: approve ? 'approved' : 'denied',
      created_at: iso(ctx.now),
    });
    const alert = repo.codeAlerts.find((a) => a.number === request.number);
    if (approve && alert) {
      const data = (request.data as Array<{ reason?: string }> | null)?.[0];
      const requester = ctx.state.users[(request.requester as { actor_name: string }).actor_name];
      alert.state = 'dismissed';
      alert.dismissed_reason = data?.reason ?? "won't fix";
      alert.dismissed_comment = (request.requester_comment as string | null) ?? null;
      alert.dismissed_at = iso(ctx.now);
      alert.dismissed_by = requester ? simpleUser(requester) : null;
      alert.dismissal_approved_by = reviewer ? simpleUser(reviewer) : null;
      alert.updated_at = iso(ctx.now);
    }
    return { status: 204 };
  },
};
