// files.* for the v2 upload flow: ask for a URL, POST the bytes there, then complete.
// The bytes stay in memory so tests can decode what the bot uploaded (e.g. a PNG chart).

import { isRecord } from './block-kit-findings.ts';
import { checkMessage } from './block-kit-limits.ts';
import {
  fail,
  guard,
  isReply,
  joinedChannel,
  type MethodContext,
  type MethodSpec,
  num,
  ok,
  type Reply,
  str,
} from './method-context.ts';
import { newId, type StoredFile, type Workspace } from './workspace.ts';

export const UPLOAD_PATH = '/upload/v1/';

function getUploadUrl(ctx: MethodContext): Reply {
  const filename = str(ctx.args, 'filename');
  const length = num(ctx.args, 'length');
  if (!filename || length === undefined || length < 1) return fail('invalid_arguments');
  const file: StoredFile = {
    id: newId('F'),
    name: filename,
    length,
    completed: false,
    channels: [],
  };
  const alt = str(ctx.args, 'alt_text');
  if (alt) file.alt_text = alt;
  ctx.ws.files.set(file.id, file);
  const upload_url = new URL(`${UPLOAD_PATH.slice(1)}${file.id}`, ctx.origin).href;
  return ok({ upload_url, file_id: file.id });
}

/** Stores the bytes POSTed to an upload URL; false when the URL names no pending file. */
export function acceptUpload(ws: Workspace, fileId: string, bytes: Buffer): boolean {
  const file = ws.files.get(fileId);
  if (!file || file.completed) return false;
  file.bytes = bytes;
  return true;
}

function complete(ctx: MethodContext): Reply {
  const entries = ctx.args.files;
  if (!Array.isArray(entries) || entries.length === 0) return fail('invalid_arguments');
  const files: StoredFile[] = [];
  for (const entry of entries) {
    const file = isRecord(entry) ? ctx.ws.files.get(String(entry.id)) : undefined;
    // Slack only completes files whose bytes arrived.
    if (!file?.bytes || file.completed) return fail('file_not_found');
    if (isRecord(entry) && typeof entry.title === 'string') file.title = entry.title;
    files.push(file);
  }
  const channelId = str(ctx.args, 'channel_id');
  const thread = str(ctx.args, 'thread_ts');
  const comment = str(ctx.args, 'initial_comment');
  if (channelId) {
    const channel = joinedChannel(ctx, channelId);
    if (isReply(channel)) return channel;
    if (channel.is_archived) return fail('is_archived');
    const blocks = Array.isArray(ctx.args.blocks) ? ctx.args.blocks : undefined;
    const problems = checkMessage({ blocks, text: comment ?? ' ' });
    const refused = guard(ctx, problems);
    if (refused) return refused;
    channel.messages.push({
      channel: channel.id,
      ts: ctx.nextTs(),
      text: comment ?? '',
      user: ctx.ws.bot.user_id,
      files: files.map((f) => f.id),
      edits: [],
      ...(blocks ? { blocks } : {}),
      ...(thread ? { thread_ts: thread } : {}),
    });
  }
  for (const file of files) {
    file.completed = true;
    if (channelId) file.channels.push(channelId);
    if (comment) file.initial_comment = comment;
    if (thread) file.thread_ts = thread;
  }
  return ok({ files: files.map((f) => fileJson(ctx, f)) });
}

function fileJson(ctx: MethodContext, f: StoredFile): Record<string, unknown> {
  const shares: Record<string, { ts: string; thread_ts?: string }[]> = {};
  for (const id of f.channels) {
    const message = ctx.ws.channels.get(id)?.messages.find((m) => m.files?.includes(f.id));
    if (message)
      shares[id] = [{ ts: message.ts, ...(f.thread_ts ? { thread_ts: f.thread_ts } : {}) }];
  }
  return {
    id: f.id,
    name: f.name,
    title: f.title ?? f.name,
    mimetype: mimeType(f.name),
    size: f.bytes?.length ?? 0,
    user: ctx.ws.bot.user_id,
    channels: [...f.channels],
    alt_txt: f.alt_text,
    shares: { public: shares },
  };
}

function mimeType(name: string): string {
  if (name.endsWith('.png')) return 'image/png';
  if (name.endsWith('.csv')) return 'text/csv';
  if (name.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

function info(ctx: MethodContext): Reply {
  const file = ctx.ws.files.get(str(ctx.args, 'file') ?? '');
  if (!file?.completed) return fail('file_not_found');
  return ok({ file: fileJson(ctx, file) });
}

export const fileMethods: Record<string, MethodSpec> = {
  'files.getUploadURLExternal': { scopes: ['files:write'], handle: getUploadUrl },
  'files.completeUploadExternal': { scopes: ['files:write'], handle: complete },
  'files.info': { scopes: ['files:read'], handle: info },
};
