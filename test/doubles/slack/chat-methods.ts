// chat.* methods: posting, editing, ephemeral messages and permalinks.
import { checkMessage, LIMITS } from './block-kit-limits.ts';
import {
  type Args,
  fail,
  guard,
  isReply,
  type MethodContext,
  type MethodSpec,
  ok,
  type Reply,
  str,
  visibleChannel,
} from './method-context.ts';
import { type Channel, dmWith, findUser, type StoredMessage } from './workspace.ts';

/** Where a post lands: a user id means the bot's DM with that user. */
function postTarget(ctx: MethodContext, id: string | undefined): Channel | Reply {
  if (id?.startsWith('U') || id?.startsWith('W')) {
    const user = findUser(ctx.ws, id);
    if (!user || user.deleted) return fail('channel_not_found');
    return dmWith(ctx.ws, id, ctx.now());
  }
  const channel = visibleChannel(ctx, id);
  if (isReply(channel)) return channel;
  if (channel.is_im && !channel.members.has(ctx.ws.bot.user_id)) return fail('channel_not_found');
  if (channel.is_archived) return fail('is_archived');
  const member = channel.members.has(ctx.ws.bot.user_id);
  if (!member && !ctx.scopes.includes('chat:write.public')) return fail('not_in_channel');
  return channel;
}

interface Content {
  text: string;
  blocks?: unknown[];
}

/** Reads and checks text/blocks; answers like Slack when the payload is refused. */
function readContent(ctx: MethodContext, args: Args, requireSome: boolean): Content | Reply {
  const blocks = args.blocks;
  if (blocks !== undefined && !Array.isArray(blocks)) return fail('invalid_blocks_format');
  const text = str(args, 'text') ?? '';
  const hasAttachments = args.attachments !== undefined;
  const hasMarkdown = str(args, 'markdown_text') !== undefined;
  if (requireSome && text === '' && !blocks?.length && !hasAttachments && !hasMarkdown) {
    return fail('no_text');
  }
  const refused = guard(ctx, checkMessage(args));
  if (refused) return refused;
  const content: Content = { text: text.slice(0, LIMITS.messageText) };
  if (blocks) content.blocks = blocks;
  return content;
}

function view(ctx: MethodContext, m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: m.user,
    bot_id: ctx.ws.bot.bot_id,
    app_id: ctx.ws.bot.app_id,
    team: ctx.ws.team.id,
    text: m.text,
    ts: m.ts,
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
    ...(m.files ? { files: m.files.map((id) => ({ id })) } : {}),
  };
}

function postMessage(ctx: MethodContext): Reply {
  const channel = postTarget(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  const content = readContent(ctx, ctx.args, true);
  if (isReply(content)) return content;
  const thread = str(ctx.args, 'thread_ts');
  const message: StoredMessage = {
    channel: channel.id,
    ts: ctx.nextTs(),
    user: ctx.ws.bot.user_id,
    ...content,
    edits: [],
  };
  if (thread !== undefined) message.thread_ts = thread;
  channel.messages.push(message);
  return ok({ channel: channel.id, ts: message.ts, message: view(ctx, message) });
}

function update(ctx: MethodContext): Reply {
  const id = str(ctx.args, 'channel');
  // Slack needs the conversation id here; a user id is not resolved to the DM.
  if (!id || !/^[CGD]/.test(id)) return fail('channel_not_found');
  const channel = visibleChannel(ctx, id);
  if (isReply(channel)) return channel;
  if (channel.is_archived) return fail('is_archived');
  const message = channel.messages.find((m) => m.ts === str(ctx.args, 'ts'));
  if (!message) return fail('message_not_found');
  if (message.user !== ctx.ws.bot.user_id) return fail('cant_update_message');
  const content = readContent(ctx, ctx.args, true);
  if (isReply(content)) return content;
  message.edits.push({ text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
  message.text = content.text;
  // Text without blocks clears the old blocks, as Slack does.
  if (content.blocks) message.blocks = content.blocks;
  else delete message.blocks;
  return ok({
    channel: channel.id,
    ts: message.ts,
    text: message.text,
    message: view(ctx, message),
  });
}

function postEphemeral(ctx: MethodContext): Reply {
  const channel = postTarget(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  const user = str(ctx.args, 'user');
  if (!user || !findUser(ctx.ws, user)) return fail('user_not_found');
  if (!channel.members.has(user)) return fail('user_not_in_channel');
  const content = readContent(ctx, ctx.args, true);
  if (isReply(content)) return content;
  const message_ts = ctx.nextTs();
  const thread = str(ctx.args, 'thread_ts');
  ctx.ws.ephemeral.push({
    channel: channel.id,
    user,
    message_ts,
    ...content,
    ...(thread ? { thread_ts: thread } : {}),
  });
  return ok({ message_ts });
}

// Slack refuses a post_at more than 120 days ahead, and more than 30 messages scheduled to
// one conversation within five minutes.
const SCHEDULE_MAX_AHEAD_S = 120 * 86_400;
const SCHEDULE_WINDOW_S = 300;
const SCHEDULE_PER_WINDOW = 30;

function scheduleMessage(ctx: MethodContext): Reply {
  const id = str(ctx.args, 'channel');
  // Scheduling needs a conversation id; a user id is not resolved to the DM here.
  if (!id || !/^[CGD]/.test(id)) return fail('channel_not_found');
  const channel = postTarget(ctx, id);
  if (isReply(channel)) return channel;
  const postAt = Number(str(ctx.args, 'post_at') ?? ctx.args.post_at);
  if (!Number.isInteger(postAt)) return fail('invalid_time');
  const now = Math.floor(ctx.now() / 1000);
  if (postAt <= now) return fail('time_in_past');
  if (postAt > now + SCHEDULE_MAX_AHEAD_S) return fail('time_too_far');
  const near = ctx.ws.scheduled.filter(
    (m) => m.channel === channel.id && Math.abs(m.post_at - postAt) < SCHEDULE_WINDOW_S,
  );
  if (near.length >= SCHEDULE_PER_WINDOW) return fail('restricted_too_many');
  const content = readContent(ctx, ctx.args, true);
  if (isReply(content)) return content;
  const scheduled = {
    id: `Q${String(ctx.ws.scheduled.length + 1).padStart(8, '0')}`,
    channel: channel.id,
    post_at: postAt,
    ...content,
  };
  ctx.ws.scheduled.push(scheduled);
  return ok({
    channel: channel.id,
    scheduled_message_id: scheduled.id,
    post_at: postAt,
    message: { type: 'message', text: content.text, bot_id: ctx.ws.bot.bot_id },
  });
}

function getPermalink(ctx: MethodContext): Reply {
  const channel = visibleChannel(ctx, str(ctx.args, 'channel'));
  if (isReply(channel)) return channel;
  const ts = str(ctx.args, 'message_ts');
  if (!channel.messages.some((m) => m.ts === ts) || !ts) return fail('message_not_found');
  const host = `https://${ctx.ws.team.domain}.slack.com`;
  const permalink = `${host}/archives/${channel.id}/p${ts.replace('.', '')}`;
  return ok({ channel: channel.id, permalink });
}

export const chatMethods: Record<string, MethodSpec> = {
  'chat.postMessage': { scopes: ['chat:write'], handle: postMessage },
  'chat.update': { scopes: ['chat:write'], handle: update },
  'chat.postEphemeral': { scopes: ['chat:write'], handle: postEphemeral },
  'chat.getPermalink': { handle: getPermalink },
  'chat.scheduleMessage': { scopes: ['chat:write'], handle: scheduleMessage },
};
