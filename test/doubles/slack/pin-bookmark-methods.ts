// pins.* and bookmarks.*: what a campaign channel keeps at hand.
import {
  fail,
  isReply,
  joinedChannel,
  type MethodContext,
  type MethodSpec,
  ok,
  type Reply,
  str,
  visibleChannel,
} from './method-context.ts';
import { type Bookmark, newId } from './workspace.ts';

const MAX_BOOKMARKS = 100;

function pinsAdd(ctx: MethodContext): Reply {
  const channel = joinedChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  if (channel.is_archived) return fail('is_archived');
  const ts = str(ctx.args, 'timestamp');
  if (!ts) return fail('no_item_specified');
  if (!channel.messages.some((m) => m.ts === ts)) return fail('message_not_found');
  if (channel.pins.some((p) => p.ts === ts)) return fail('already_pinned');
  channel.pins.push({ ts, created: Math.floor(ctx.now() / 1000) });
  return ok();
}

function pinsList(ctx: MethodContext): Reply {
  const channel = visibleChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  const items = channel.pins.map((p) => {
    const message = channel.messages.find((m) => m.ts === p.ts);
    return {
      type: 'message',
      channel: channel.id,
      created: p.created,
      created_by: ctx.ws.bot.user_id,
      message: { type: 'message', ts: p.ts, text: message?.text, user: message?.user },
    };
  });
  return ok({ items });
}

function bookmarksAdd(ctx: MethodContext): Reply {
  const channel = joinedChannel(ctx, str(ctx.args, 'channel_id'));
  if (isReply(channel)) return channel;
  const title = str(ctx.args, 'title');
  const type = str(ctx.args, 'type');
  if (!title || !type) return fail('invalid_arguments');
  if (type !== 'link') return fail('invalid_bookmark_type');
  const link = str(ctx.args, 'link') ?? '';
  if (!/^https?:\/\//.test(link)) return fail('invalid_link');
  if (channel.bookmarks.length >= MAX_BOOKMARKS) return fail('too_many_bookmarks');
  const bookmark: Bookmark = { id: newId('Bk'), channel_id: channel.id, title, type, link };
  const emoji = str(ctx.args, 'emoji');
  if (emoji) bookmark.emoji = emoji;
  channel.bookmarks.push(bookmark);
  return ok({ bookmark: toJson(ctx, bookmark) });
}

function toJson(ctx: MethodContext, b: Bookmark): Record<string, unknown> {
  return { ...b, date_created: Math.floor(ctx.now() / 1000), app_id: ctx.ws.bot.app_id };
}

function bookmarksList(ctx: MethodContext): Reply {
  const channel = visibleChannel(ctx, str(ctx.args, 'channel_id'));
  if (isReply(channel)) return channel;
  return ok({ bookmarks: channel.bookmarks.map((b) => toJson(ctx, b)) });
}

export const pinBookmarkMethods: Record<string, MethodSpec> = {
  'pins.add': { scopes: ['pins:write'], handle: pinsAdd },
  'pins.list': { scopes: ['pins:read'], handle: pinsList },
  'bookmarks.add': { scopes: ['bookmarks:write'], handle: bookmarksAdd },
  'bookmarks.list': { scopes: ['bookmarks:read'], handle: bookmarksList },
};
