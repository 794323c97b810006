// users.* and usergroups.*: who is in the workspace and how to find them.
import {
  bool,
  fail,
  type MethodContext,
  type MethodSpec,
  ok,
  page,
  type Reply,
  str,
} from './method-context.ts';
import { findUser, type SlackUser } from './workspace.ts';

function userJson(ctx: MethodContext, u: SlackUser): Record<string, unknown> {
  // Slack leaves the email out unless the token also holds users:read.email.
  const email = ctx.scopes.includes('users:read.email') ? { email: u.email } : {};
  return {
    id: u.id,
    team_id: ctx.ws.team.id,
    name: u.name,
    real_name: u.real_name,
    deleted: u.deleted,
    tz: u.tz,
    tz_label: u.tz_label,
    tz_offset: u.tz_offset,
    is_admin: u.is_admin,
    is_owner: false,
    is_bot: u.is_bot,
    is_app_user: false,
    profile: { real_name: u.real_name, display_name: u.name, ...email },
  };
}

function info(ctx: MethodContext): Reply {
  const user = findUser(ctx.ws, str(ctx.args, 'user') ?? '');
  if (!user) return fail('user_not_found');
  return ok({ user: userJson(ctx, user) });
}

function lookupByEmail(ctx: MethodContext): Reply {
  const email = (str(ctx.args, 'email') ?? '').trim();
  if (email === '') return fail('invalid_arguments');
  const lower = email.toLowerCase();
  const user = ctx.ws.users.find((u) => u.email?.toLowerCase() === lower && !u.deleted);
  if (!user) return fail('users_not_found');
  return ok({ user: userJson(ctx, user) });
}

function list(ctx: MethodContext): Reply {
  const { items, next_cursor } = page(ctx.args, ctx.ws.users);
  return ok({
    members: items.map((u) => userJson(ctx, u)),
    cache_ts: Math.floor(ctx.now() / 1000),
    response_metadata: { next_cursor },
  });
}

function groupsList(ctx: MethodContext): Reply {
  const withUsers = bool(ctx.args, 'include_users');
  const usergroups = ctx.ws.usergroups.map((g) => ({
    id: g.id,
    team_id: ctx.ws.team.id,
    handle: g.handle,
    name: g.name,
    user_count: g.users.length,
    ...(withUsers ? { users: [...g.users] } : {}),
  }));
  return ok({ usergroups });
}

function groupUsers(ctx: MethodContext): Reply {
  const id = str(ctx.args, 'usergroup');
  if (!id) return fail('invalid_arguments');
  const group = ctx.ws.usergroups.find((g) => g.id === id);
  if (!group) return fail('no_such_subteam');
  return ok({ users: [...group.users] });
}

export const directoryMethods: Record<string, MethodSpec> = {
  'users.info': { scopes: ['users:read'], handle: info },
  'users.lookupByEmail': { scopes: ['users:read', 'users:read.email'], handle: lookupByEmail },
  'users.list': { scopes: ['users:read'], handle: list },
  'usergroups.list': { scopes: ['usergroups:read'], handle: groupsList },
  'usergroups.users.list': { scopes: ['usergroups:read'], handle: groupUsers },
};
