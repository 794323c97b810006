// A local stand-in for Slack's Web API: point the SDK's `slackApiUrl` at `double.url`.
// It answers like Slack (including refusals), records every call, and exposes what the bot
// left behind in the workspace so tests can assert on outcomes rather than on requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authMethods } from './auth-methods.ts';
import { checkMessage, type MessagePayload, rejectionCode } from './block-kit-limits.ts';
import { allSlackCalls, allSlackViolations, type RecordedCall } from './call-registry.ts';
import { chatMethods } from './chat-methods.ts';
import { conversationMethods } from './conversation-methods.ts';
import { directoryMethods } from './directory-methods.ts';
import { type Failure, FailureQueue } from './failure-queue.ts';
import { acceptUpload, fileMethods, UPLOAD_PATH } from './file-methods.ts';
import type { MethodContext, MethodSpec, Reply, Violation } from './method-context.ts';
import { pinBookmarkMethods } from './pin-bookmark-methods.ts';
import { bearerToken, parseArgs, readRaw, uploadedBytes } from './request-body.ts';
import { viewMethods } from './view-methods.ts';
import { buildWorkspace, type Workspace, type WorkspaceSeed } from './workspace.ts';

const RESPOND_PATH = '/respond/';

export type { RecordedCall } from './call-registry.ts';
export type { Failure } from './failure-queue.ts';
export type { Violation } from './method-context.ts';

const METHODS: Record<string, MethodSpec> = {
  ...authMethods,
  ...chatMethods,
  ...conversationMethods,
  ...pinBookmarkMethods,
  ...directoryMethods,
  ...viewMethods,
  ...fileMethods,
};

export const DEFAULT_TOKEN = 'xoxb-burndown-test-token';

/** The bot scopes Burndown's manifest asks for, plus the read scopes its lookups rely on. */
export const DEFAULT_SCOPES = [
  'commands',
  'chat:write',
  'channels:manage',
  'channels:read',
  'groups:write',
  'groups:read',
  'im:write',
  'im:read',
  'pins:write',
  'pins:read',
  'bookmarks:write',
  'bookmarks:read',
  'users:read',
  'users:read.email',
  'usergroups:read',
  'files:write',
  'files:read',
];

export interface SlackDoubleOptions {
  /** Tokens the double accepts; anything else gets invalid_auth. */
  tokens?: string[];
  /** Scopes the token holds (sent in x-oauth-scopes; missing ones give missing_scope). */
  scopes?: string[];
  workspace?: WorkspaceSeed;
  clock?: () => number;
}

export interface MessageView {
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  files?: string[];
  edits: { text: string; blocks?: unknown[] }[];
}

const RESPONSE_URL_USES = 5;

export class SlackDouble {
  readonly calls: RecordedCall[] = [];
  readonly violations: Violation[] = [];
  private readonly failures = new FailureQueue();
  private ws: Workspace;
  private scopes: string[];
  private lastTs = 0;

  constructor(
    private readonly server: Server,
    readonly origin: string,
    private readonly options: SlackDoubleOptions,
  ) {
    this.ws = buildWorkspace(options.workspace ?? {}, this.now());
    this.scopes = [...(options.scopes ?? DEFAULT_SCOPES)];
  }

  /** The Web API base, ending in /api/. */
  get url(): string {
    return `${this.origin}api/`;
  }

  /** The live workspace; rebuilt by reset(), so read it again afterwards. */
  get state(): Workspace {
    return this.ws;
  }

  /** Messages per conversation id, in posting order, with their current content. */
  get messages(): Record<string, MessageView[]> {
    const out: Record<string, MessageView[]> = {};
    for (const c of this.ws.channels.values()) {
      if (c.messages.length > 0) out[c.id] = c.messages.map(({ channel, user, ...m }) => m);
    }
    return out;
  }

  /** Messages in a conversation; a user id means the bot's DM with that user. */
  messagesIn(channelOrUser: string): MessageView[] {
    const dm = [...this.ws.channels.values()].find((c) => c.is_im && c.user === channelOrUser);
    return this.messages[dm?.id ?? channelOrUser] ?? [];
  }

  /**
   * A response_url as Slack puts in slash commands and interactions. What the bot posts
   * there is recorded as a call to the pseudo-method `response_url` (args include `id`)
   * and held to the same Block Kit limits as chat.postMessage.
   */
  responseUrl(id = `r${this.calls.length}-${Date.now()}`): string {
    return `${this.origin}respond/${id}`;
  }

  /** Messages posted to response_urls, optionally for one id, in order. */
  responses(id?: string): Record<string, unknown>[] {
    return this.callsTo('response_url')
      .filter((c) => id === undefined || c.args.id === id)
      .map((c) => c.args);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  failNext(method: string, failure: Failure): void {
    this.failures.add(method, failure);
  }

  /** Makes a trigger id answer expired_trigger_id, as one older than 3 seconds would. */
  expireTrigger(triggerId: string): void {
    this.ws.expiredTriggers.add(triggerId);
  }

  setScopes(scopes: string[]): void {
    this.scopes = [...scopes];
  }

  /** Forgets calls, failures and violations and rebuilds the workspace from its seed. */
  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.failures.clear();
    this.ws = buildWorkspace(this.options.workspace ?? {}, this.now());
    this.scopes = [...(this.options.scopes ?? DEFAULT_SCOPES)];
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      // The SDK's fetch keeps connections alive; without this close() waits for them.
      this.server.closeAllConnections();
    });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const raw = await readRaw(req);
    const contentType = req.headers['content-type'] ?? '';
    if (url.pathname.startsWith(UPLOAD_PATH)) {
      const fileId = url.pathname.slice(UPLOAD_PATH.length);
      const bytes = await uploadedBytes(contentType, raw);
      const stored = acceptUpload(this.ws, fileId, bytes);
      const status = stored ? 200 : 404;
      this.record('upload', { file_id: fileId, size: bytes.length }, status, { ok: stored });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
      return;
    }
    if (url.pathname.startsWith(RESPOND_PATH)) {
      const id = url.pathname.slice(RESPOND_PATH.length);
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload');
        return;
      }
      // Slack takes at most five messages on one response_url; a sixth is refused.
      const used = this.callsTo('response_url').filter(
        (c) => c.args.id === id && c.status === 200,
      ).length;
      if (used >= RESPONSE_URL_USES) {
        this.record('response_url_refused', { ...body, id }, 404, { ok: false, error: 'used_url' });
        res.writeHead(404, { 'content-type': 'text/plain' }).end('used_url');
        return;
      }
      const problems = checkMessage(body as MessagePayload);
      this.context('response_url', body).report(problems);
      const code = rejectionCode(problems);
      const status = code ? 400 : 200;
      this.record(
        'response_url',
        { ...body, id },
        status,
        code ? { ok: false, error: code } : { ok: true },
      );
      res.writeHead(status, { 'content-type': 'text/plain' }).end(code ?? 'ok');
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      res.writeHead(404).end();
      return;
    }
    const method = url.pathname.slice('/api/'.length);
    const parsed = parseArgs(contentType, raw, url.searchParams);
    const token = bearerToken(req, parsed.args);
    const { token: _dropped, ...args } = parsed.args;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    let status = 200;
    let reply: Reply;
    if (parsed.error) reply = { ok: false, error: parsed.error };
    else {
      const answer = this.answer(method, args, token, headers);
      reply = answer.reply;
      status = answer.status;
    }
    this.record(method, args, status, reply, token);
    res.writeHead(status, headers).end(JSON.stringify(reply));
  }

  private answer(
    method: string,
    args: Record<string, unknown>,
    token: string | undefined,
    headers: Record<string, string>,
  ): { status: number; reply: Reply } {
    const spec = METHODS[method];
    if (!spec)
      return { status: 200, reply: { ok: false, error: 'unknown_method', req_method: method } };
    if (!token) return { status: 200, reply: { ok: false, error: 'not_authed' } };
    if (!(this.options.tokens ?? [DEFAULT_TOKEN]).includes(token)) {
      return { status: 200, reply: { ok: false, error: 'invalid_auth' } };
    }
    headers['x-oauth-scopes'] = this.scopes.join(',');
    const failure = this.failures.take(method);
    if (failure?.kind === 'http') {
      if (failure.status === 429) headers['retry-after'] = String(failure.retryAfter);
      const error = failure.status === 429 ? 'ratelimited' : 'internal_error';
      return { status: failure.status, reply: { ok: false, error } };
    }
    if (failure)
      return { status: 200, reply: { ok: false, error: failure.error, ...failure.extra } };
    const ctx = this.context(method, args);
    const needed = typeof spec.scopes === 'function' ? spec.scopes(ctx) : (spec.scopes ?? []);
    headers['x-accepted-oauth-scopes'] = needed.join(',');
    const missing = needed.filter((s) => !this.scopes.includes(s));
    if (missing.length > 0) {
      const reply = {
        ok: false,
        error: 'missing_scope',
        needed: missing.join(','),
        provided: headers['x-oauth-scopes'],
      };
      return { status: 200, reply };
    }
    try {
      return { status: 200, reply: spec.handle(ctx) };
    } catch (error) {
      // A crash here is a bug in the double; make it visible instead of passing silently.
      ctx.report([
        { code: 'invalid_arguments', severity: 'error', path: '/', message: String(error) },
      ]);
      return { status: 200, reply: { ok: false, error: 'fatal_error' } };
    }
  }

  private context(method: string, args: Record<string, unknown>): MethodContext {
    return {
      ws: this.ws,
      method,
      args,
      scopes: this.scopes,
      origin: this.origin,
      now: () => this.now(),
      nextTs: () => this.nextTs(),
      report: (problems) => {
        for (const p of problems) {
          const v: Violation = {
            method,
            code: p.code,
            path: p.path,
            message: p.message,
            rejected: p.severity === 'error',
            time: this.now(),
          };
          this.violations.push(v);
          allSlackViolations.push(v);
        }
      },
    };
  }

  private record(
    method: string,
    args: Record<string, unknown>,
    status: number,
    response: Reply,
    token?: string,
  ): void {
    const call: RecordedCall = { method, args, token, time: this.now(), status, response };
    this.calls.push(call);
    allSlackCalls.push(call);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Message timestamps are unique and increasing, like Slack's "seconds.micros" ids. */
  private nextTs(): string {
    const micros = Math.max(this.now() * 1000, this.lastTs + 1);
    this.lastTs = micros;
    return `${Math.floor(micros / 1e6)}.${String(micros % 1e6).padStart(6, '0')}`;
  }
}

export async function startSlackDouble(options: SlackDoubleOptions = {}): Promise<SlackDouble> {
  let double: SlackDouble | undefined;
  const server = createServer((req, res) => {
    double?.handle(req, res).catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  double = new SlackDouble(server, `http://127.0.0.1:${port}/`, options);
  return double;
}
