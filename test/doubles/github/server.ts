// Starts the GitHub double: a loopback HTTP server serving the REST API (checked against
// ghec.json) and the github.com OAuth device-flow endpoints on the same port.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceFlow, type DeviceFlowControl, type OAuthReply } from './device-flow.ts';
import { type FailureSpec, Failures, type RequestMatch } from './failures.ts';
import type { HandlerTable } from './handler-types.ts';
import { appHandlers } from './handlers/apps.ts';
import { campaignHandlers } from './handlers/campaigns.ts';
import { codeScanningHandlers } from './handlers/code-scanning.ts';
import { dismissalRequestHandlers } from './handlers/dismissal-requests.ts';
import { gitRefHandlers } from './handlers/git-refs.ts';
import { secretScanningHandlers } from './handlers/secret-scanning.ts';
import { userOrgHandlers } from './handlers/users-orgs.ts';
import { type Env, handleApi, type RecordedRequest, type Violation } from './pipeline.ts';
import { bucketKey, RateLimits, rateLimitBody } from './rate-limit.ts';
import { createState, type DoubleState, type TokenKind } from './state.ts';

export interface GitHubDoubleOptions {
  // Start from an existing world instead of an empty one.
  state?: DoubleState;
  // Validate every response against the spec (default true; a failure is a violation).
  validateResponses?: boolean;
  // Refuse device-flow polls faster than the interval with slow_down (default true).
  enforcePollInterval?: boolean;
}

export interface GitHubDouble {
  url: string;
  state: DoubleState;
  requests: RecordedRequest[];
  violations: Violation[];
  deviceFlow: DeviceFlowControl;
  failNext(match: RequestMatch, failure: FailureSpec): void;
  clearFailures(): void;
  setRateLimit(
    token: string,
    change: { remaining?: number; limit?: number; resetInSeconds?: number },
  ): void;
  addToken(token: string, login: string, kind?: TokenKind): void;
  // Moves the double's clock (rate-limit windows, device-code expiry, campaign due dates).
  advanceTime(ms: number): void;
  now(): number;
  countedRequests(): RecordedRequest[];
  writes(): RecordedRequest[];
  assertNoViolations(): void;
  // Forgets requests, violations, failures, rate-limit usage and device codes; keeps state.
  reset(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
  const hasBody = body !== undefined && status !== 204 && status !== 304;
  res.writeHead(status, {
    ...(hasBody ? { 'content-type': 'application/json; charset=utf-8' } : {}),
    'x-github-media-type': 'github.v3; format=json',
    ...headers,
  });
  res.end(hasBody ? JSON.stringify(body) : undefined);
}

function oauthParams(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw || '{}') as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}

// github.com answers form-encoded unless the client asks for JSON.
function sendOAuth(res: ServerResponse, reply: OAuthReply, accept: string | undefined) {
  if (accept?.includes('application/json')) {
    send(res, reply.status, reply.body, {});
    return;
  }
  const form = new URLSearchParams(
    Object.entries(reply.body).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  res.writeHead(reply.status, { 'content-type': 'application/x-www-form-urlencoded' });
  res.end(form);
}

export async function startGitHubDouble(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
  let offset = 0;
  const now = () => Date.now() + offset;
  const limits = new RateLimits(now);
  const handlers: HandlerTable = {
    ...campaignHandlers,
    ...codeScanningHandlers,
    ...secretScanningHandlers,
    ...dismissalRequestHandlers,
    ...gitRefHandlers,
    ...userOrgHandlers,
    ...appHandlers,
    'rate-limit/get': (ctx) => ({
      status: 200,
      body: rateLimitBody(limits.bucket(ctx.identity, 'local')),
    }),
  };
  const env: Env = {
    state: options.state ?? createState(),
    limits,
    failures: new Failures(),
    handlers,
    requests: [],
    violations: [],
    now,
    validateResponses: options.validateResponses ?? true,
  };
  let baseUrl = '';
  const device = new DeviceFlow(
    () => env.state,
    now,
    () => baseUrl,
    options.enforcePollInterval ?? true,
  );

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', baseUrl);
      const raw = await readBody(req);
      if (url.pathname === '/login/device/code' || url.pathname === '/login/oauth/access_token') {
        const params = oauthParams(raw, req.headers['content-type']);
        const reply =
          url.pathname === '/login/device/code'
            ? device.requestCode(params)
            : device.exchange(params);
        if (reply.violation) {
          env.violations.push({
            method: req.method ?? 'POST',
            path: url.pathname,
            operationId: undefined,
            where: 'oauth',
            ...reply.violation,
            rejected: true,
          });
        }
        sendOAuth(res, reply, req.headers.accept);
        return;
      }
      const out = await handleApi(env, req, url, raw);
      if (out.delayMs > 0) await new Promise((r) => setTimeout(r, out.delayMs));
      send(res, out.status, out.body, out.headers);
    })().catch((error: unknown) => {
      send(res, 500, { message: `double crashed: ${String(error)}` }, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    get state() {
      return env.state;
    },
    set state(next: DoubleState) {
      env.state = next;
    },
    requests: env.requests,
    violations: env.violations,
    deviceFlow: device,
    failNext: (match, failure) => env.failures.add(match, failure),
    clearFailures: () => env.failures.clear(),
    setRateLimit(token, change) {
      const record = env.state.tokens[token];
      const identity = record
        ? {
            token,
            login: record.login,
            kind: record.kind,
            readOnly: false,
            installationId: record.installationId,
          }
        : undefined;
      limits.set(bucketKey(identity, 'local'), change);
    },
    addToken(token, login, kind = 'user') {
      env.state.tokens[token] = { login, kind };
    },
    advanceTime(ms) {
      offset += ms;
    },
    now,
    countedRequests: () => env.requests.filter((r) => r.counted),
    writes: () => env.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD'),
    assertNoViolations() {
      if (env.violations.length === 0) return;
      const lines = env.violations.map(
        (v) =>
          `- ${v.method} ${v.path} [${v.operationId ?? '?'}] ${v.where} ${v.field}: ${v.message}`,
      );
      throw new Error(
        `GitHub double saw ${lines.length} contract violation(s):\n${lines.join('\n')}`,
      );
    },
    reset() {
      env.requests.length = 0;
      env.violations.length = 0;
      env.failures.clear();
      limits.clear();
      device.reset();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
