// Users, organization members, teams and repositories.
import { requireIdentity } from '../auth.ts';
import { publicUser, simpleUser } from '../builders-core.ts';
import { ApiError, notFound } from '../errors.ts';
import { type Ctx, type HandlerTable, sortBy } from '../handler-types.ts';
import { findOrg, type OrgRecord, reposOfOrg } from '../state.ts';

// Organization member lists are visible to members (and to the app's installation).
function orgFor(ctx: Ctx): OrgRecord {
  const identity = requireIdentity(ctx.identity);
  const org = findOrg(ctx.state, ctx.path.org);
  if (!org) throw notFound();
  const installed =
    identity.kind === 'installation' &&
    ctx.state.installations[identity.installationId ?? -1]?.org.toLowerCase() ===
      org.login.toLowerCase();
  if (!installed && !org.members[identity.login]) throw notFound();
  return org;
}

export const userOrgHandlers: HandlerTable = {
  'users/get-authenticated': (ctx) => {
    const identity = requireIdentity(ctx.identity);
    // Installation tokens have no user; GitHub answers 403 for them on /user.
    if (identity.kind === 'installation') {
      throw new ApiError(403, 'Resource not accessible by integration');
    }
    const user = ctx.state.users[identity.login];
    if (!user) throw notFound();
    return { status: 200, body: { ...user } };
  },

  'users/get-by-username': (ctx) => {
    requireIdentity(ctx.identity);
    const user = ctx.state.users[ctx.path.username];
    if (!user) throw notFound();
    return { status: 200, body: publicUser(user) };
  },

  'orgs/list-members': (ctx) => {
    const org = orgFor(ctx);
    const role = ctx.query.role ?? 'all';
    const logins = Object.entries(org.members)
      .filter(([, r]) => role === 'all' || r === role)
      .map(([login]) => login)
      .sort();
    const items = logins.flatMap((login) => {
      const user = ctx.state.users[login];
      return user ? [simpleUser(user)] : [];
    });
    return { status: 200, items };
  },

  'teams/list': (ctx) => {
    const org = orgFor(ctx);
    const items = Object.values(org.teams)
      .map((t) => t.team)
      .sort((a, b) => a.slug.localeCompare(b.slug));
    return { status: 200, items };
  },

  'teams/list-members-in-org': (ctx) => {
    const org = orgFor(ctx);
    const team = org.teams[ctx.path.team_slug];
    if (!team) throw notFound();
    const role = ctx.query.role ?? 'all';
    const items = Object.entries(team.members)
      .filter(([, r]) => role === 'all' || r === role)
      .flatMap(([login]) => {
        const user = ctx.state.users[login];
        return user ? [simpleUser(user)] : [];
      });
    return { status: 200, items };
  },

  'repos/list-for-org': (ctx) => {
    const org = orgFor(ctx);
    const sort = ctx.query.sort ?? 'created';
    const key = sort === 'full_name' ? 'full_name' : sort === 'pushed' ? 'pushed_at' : `${sort}_at`;
    // full_name sorts ascending by default, the timestamps descending, as GitHub documents.
    const direction = ctx.query.direction ?? (sort === 'full_name' ? 'asc' : 'desc');
    const repos = reposOfOrg(ctx.state, org.login)
      .filter((r) => ctx.query.type !== 'forks' || r.repo.fork)
      .map((r): Record<string, unknown> => ({ ...r.repo, archived: r.archived }));
    return { status: 200, items: sortBy(repos, (r) => String(r[key] ?? ''), direction) };
  },
};
