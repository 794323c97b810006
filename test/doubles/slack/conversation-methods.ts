// conversations.* methods: DMs, channel creation and upkeep, membership and lookups.
import {
  bool,
  csv,
  fail,
  isReply,
  joinedChannel,
  type MethodContext,
  type MethodSpec,
  manageScopes,
  ok,
  page,
  type Reply,
  readScopes,
  str,
  visibleChannel,
} from './method-context.ts';
import { type Channel, dmWith, findUser, newChannel, type Workspace } from './workspace.ts';

const MAX_NAME = 80;
const MAX_TOPIC = 250;
const MAX_INVITES = 100;

export function channelJson(ws: Workspace, c: Channel, withCount = false): Record<string, unknown> {
  const text = (value: string) => ({ value, creator: value ? ws.bot.user_id : '', last_set: 0 });
  return {
    id: c.id,
    ...(c.is_im ? { user: c.user } : { name: c.name, name_normalized: c.name }),
    is_channel: !c.is_im && !c.is_mpim && !c.is_private,
    is_group: c.is_private && !c.is_im && !c.is_mpim,
    is_im: c.is_im,
    is_mpim: c.is_mpim,
    is_private: c.is_private,
    is_archived: c.is_archived,
    is_general: c.is_general,
    is_member: c.members.has(ws.bot.user_id),
    created: c.created,
    creator: c.creator,
    topic: text(c.topic),
    purpose: text(c.purpose),
    ...(withCount ? { num_members: c.members.size } : {}),
  };
}

function open(ctx: MethodContext): Reply {
  const existing = str(ctx.args, 'channel');
  if (existing) {
    const channel = visibleChannel(ctx, existing);
    return isReply(channel) ? channel : ok({ channel: { id: channel.id } });
  }
  const users = csv(ctx.args, 'users');
  if (users.length === 0) return fail('users_list_not_supplied');
  if (users.length > 8) return fail('too_many_users');
  for (const id of users) {
    const user = findUser(ctx.ws, id);
    if (!user) return fail('user_not_found');
    if (user.deleted) return fail('user_disabled');
  }
  if (users.length > 1) return fail('method_not_supported_for_channel_type');
  const dm = dmWith(ctx.ws, users[0] as string, ctx.now());
  const full = bool(ctx.args, 'return_im');
  return ok({ channel: full ? channelJson(ctx.ws, dm) : { id: dm.id } });
}

function create(ctx: MethodContext): Reply {
  const name = str(ctx.args, 'name') ?? '';
  if (name === '') return fail('invalid_name_required');
  if (name.length > MAX_NAME) return fail('invalid_name_maxlength');
  if (!/^[a-z0-9_-]+$/.test(name)) return fail('invalid_name_specials');
  if (/^[-_]+$/.test(name)) return fail('invalid_name_punctuation');
  // Archived channels keep their names reserved.
  for (const c of ctx.ws.channels.values()) {
    if (!c.is_im && c.name === name) return fail('name_taken');
  }
  const channel = newChannel(ctx.ws, { name, is_private: bool(ctx.args, 'is_private') }, ctx.now());
  channel.members.add(ctx.ws.bot.user_id);
  return ok({ channel: channelJson(ctx.ws, channel) });
}

function setText(field: 'topic' | 'purpose'): MethodSpec['handle'] {
  return (ctx) => {
    const channel = joinedChannel(ctx, str(ctx.args, 'channel'));
    if (isReply(channel)) return channel;
    if (channel.is_im) return fail('method_not_supported_for_channel_type');
    if (channel.is_archived) return fail('is_archived');
    const value = str(ctx.args, field) ?? '';
    if (value.length > MAX_TOPIC) return fail('too_long');
    channel[field] = value;
    return ok({ channel: channelJson(ctx.ws, channel) });
  };
}

function invite(ctx: MethodContext): Reply {
  const channel = joinedChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  if (channel.is_im || channel.is_mpim) return fail('method_not_supported_for_channel_type');
  if (channel.is_archived) return fail('is_archived');
  const users = csv(ctx.args, 'users');
  if (users.length === 0) return fail('no_user');
  if (users.length > MAX_INVITES) return fail('too_many_users');
  const errors: { user: string; ok: false; error: string }[] = [];
  for (const id of users) {
    const user = findUser(ctx.ws, id);
    let error: string | undefined;
    if (id === ctx.ws.bot.user_id) error = 'cant_invite_self';
    else if (!user || user.deleted) error = 'user_not_found';
    else if (channel.members.has(id)) error = 'already_in_channel';
    if (error) errors.push({ user: id, ok: false, error });
  }
  // With force, Slack invites the valid ids and reports the rest; without it nobody is added.
  const first = errors[0];
  if (first && !bool(ctx.args, 'force')) return fail(first.error, { errors });
  const bad = new Set(errors.map((e) => e.user));
  for (const id of users) if (!bad.has(id)) channel.members.add(id);
  return ok({ channel: channelJson(ctx.ws, channel), ...(errors.length ? { errors } : {}) });
}

function archive(ctx: MethodContext): Reply {
  const channel = joinedChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  if (channel.is_im || channel.is_mpim) return fail('method_not_supported_for_channel_type');
  if (channel.is_general) return fail('cant_archive_general');
  if (channel.is_archived) return fail('already_archived');
  channel.is_archived = true;
  return ok();
}

function unarchive(ctx: MethodContext): Reply {
  const channel = visibleChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  if (!channel.is_archived) return fail('not_archived');
  channel.is_archived = false;
  channel.members.add(ctx.ws.bot.user_id);
  return ok();
}

function info(ctx: MethodContext): Reply {
  const channel = visibleChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  return ok({ channel: channelJson(ctx.ws, channel, bool(ctx.args, 'include_num_members')) });
}

function members(ctx: MethodContext): Reply {
  const channel = visibleChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  const { items, next_cursor } = page(ctx.args, [...channel.members]);
  return ok({ members: items, response_metadata: { next_cursor } });
}

export const conversationMethods: Record<string, MethodSpec> = {
  'conversations.open': {
    scopes: (ctx) => (csv(ctx.args, 'users').length > 1 ? ['mpim:write'] : ['im:write']),
    handle: open,
  },
  'conversations.create': {
    scopes: (ctx) => (bool(ctx.args, 'is_private') ? ['groups:write'] : ['channels:manage']),
    handle: create,
  },
  'conversations.setTopic': { scopes: manageScopes, handle: setText('topic') },
  'conversations.setPurpose': { scopes: manageScopes, handle: setText('purpose') },
  'conversations.invite': { scopes: manageScopes, handle: invite },
  'conversations.archive': { scopes: manageScopes, handle: archive },
  'conversations.unarchive': { scopes: manageScopes, handle: unarchive },
  'conversations.info': { scopes: readScopes, handle: info },
  'conversations.members': { scopes: readScopes, handle: members },
};
