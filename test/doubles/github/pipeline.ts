// One API request, end to end: route, contract checks, auth, injected failures, rate limit,
// handler, pagination, ETag/304, response check, headers. Device flow lives elsewhere.
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  basicFromHeader,
  type ClientCredentials,
  type Identity,
  resolveIdentity,
  tokenFromHeader,
} from './auth.ts';
import { checkBody, checkParams, checkResponse, type Problem } from './contract.ts';
import { ApiError, DOCS } from './errors.ts';
import { type Failures, failureReply } from './failures.ts';
import type { HandlerTable, Reply } from './handler-types.ts';
import { CursorError, paginate } from './pagination.ts';
import { type RateLimits, rateHeaders, remaining } from './rate-limit.ts';
import { matchRoute, type OperationSpec } from './spec.ts';
import type { DoubleState, Json, TokenKind } from './state.ts';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  token: string | undefined;
  // Client id and secret when the caller used Basic auth (App OAuth endpoints).
  basic: ClientCredentials | undefined;
  login: string | undefined;
  tokenKind: TokenKind | undefined;
  status: number;
  operationId: string | undefined;
  // Whether GitHub would have charged this request to the primary rate limit.
  counted: boolean;
  injected: boolean;
  requestId: string;
}

export interface Violation {
  method: string;
  path: string;
  operationId: string | undefined;
  where: Problem['where'] | 'route' | 'json' | 'oauth' | 'unimplemented';
  field: string;
  message: string;
  // false when the double still served the request (e.g. a response or per_page problem).
  rejected: boolean;
}

export interface Env {
  state: DoubleState;
  limits: RateLimits;
  failures: Failures;
  handlers: HandlerTable;
  requests: RecordedRequest[];
  violations: Violation[];
  now: () => number;
  validateResponses: boolean;
}

export interface Outgoing {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  delayMs: number;
}

const MAX_PER_PAGE = 100;

function errorBody(status: number, message: string): Json {
  return { message, documentation_url: DOCS, status: String(status) };
}

function etagOf(body: unknown, login: string | undefined): string {
  const hash = createHash('sha256')
    .update(JSON.stringify(body))
    .update(login ?? '')
    .digest('hex');
  return `W/"${hash.slice(0, 40)}"`;
}

export async function handleApi(
  env: Env,
  req: IncomingMessage,
  url: URL,
  rawBody: string,
): Promise<Outgoing> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  const token = tokenFromHeader(req.headers.authorization);
  const rec: RecordedRequest = {
    method,
    path,
    query: Object.fromEntries(url.searchParams),
    body: undefined,
    token,
    basic: basicFromHeader(req.headers.authorization),
    login: undefined,
    tokenKind: undefined,
    status: 0,
    operationId: undefined,
    counted: false,
    injected: false,
    requestId: randomUUID().toUpperCase().slice(0, 23),
  };
  env.requests.push(rec);
  const violate = (v: Omit<Violation, 'method' | 'path' | 'operationId'>) =>
    env.violations.push({ method, path, operationId: rec.operationId, ...v });
  const baseHeaders = { 'x-github-request-id': rec.requestId };
  const done = (status: number, body: unknown, headers: Record<string, string> = {}): Outgoing => {
    rec.status = status;
    return { status, body, headers: { ...baseHeaders, ...headers }, delayMs: 0 };
  };

  const route = matchRoute(method, path);
  if (!route?.op) {
    const why = route
      ? `${method} is not allowed here (allowed: ${route.allowed.join(', ')})`
      : 'no such path';
    violate({ where: 'route', field: `${method} ${path}`, message: why, rejected: true });
    return done(404, errorBody(404, 'Not Found'));
  }
  const op = route.op;
  rec.operationId = op.operationId;

  let body: unknown;
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      violate({
        where: 'json',
        field: '(body)',
        message: 'request body is not valid JSON',
        rejected: true,
      });
      return done(400, errorBody(400, 'Problems parsing JSON'));
    }
  }
  // Octokit sends `{}` for POSTs without parameters; GitHub ignores it, so does the double.
  if (!op.bodySchema && body && typeof body === 'object' && Object.keys(body).length === 0) {
    body = undefined;
  }
  rec.body = body;

  const pathCheck = checkParams(op, 'path', route.pathParams);
  const queryCheck = checkParams(op, 'query', rec.query);
  const bodyProblems = checkBody(op, body);
  for (const p of pathCheck.problems) violate({ ...p, rejected: true });
  if (pathCheck.problems.length > 0) return done(404, errorBody(404, 'Not Found'));
  const rejections = [...queryCheck.problems, ...bodyProblems];
  for (const p of rejections) violate({ ...p, rejected: true });
  if (rejections.length > 0) {
    const errors = rejections.map((p) => ({
      resource: op.operationId,
      field: p.field,
      code: 'invalid',
      message: `${p.where} ${p.field}: ${p.message}`,
    }));
    return done(422, {
      message: 'Validation Failed',
      errors,
      documentation_url: DOCS,
      status: '422',
    });
  }
  const perPage = queryCheck.values.per_page;
  if (typeof perPage === 'number' && perPage > MAX_PER_PAGE) {
    const message =
      `per_page ${perPage} exceeds GitHub's maximum of ${MAX_PER_PAGE}; ` +
      `GitHub silently returns ${MAX_PER_PAGE}`;
    violate({ where: 'query', field: 'per_page', message, rejected: false });
  }

  let identity: Identity | undefined;
  try {
    identity = resolveIdentity(env.state, token, env.now());
  } catch (error) {
    if (error instanceof ApiError) return done(error.status, error.toBody());
    throw error;
  }
  rec.login = identity?.login;
  rec.tokenKind = identity?.kind;
  return serve(
    env,
    req,
    url,
    op,
    identity,
    rec,
    { path: pathCheck.values, query: queryCheck.values, body },
    done,
    violate,
  );
}

type Done = (status: number, body: unknown, headers?: Record<string, string>) => Outgoing;
type Violate = (v: Omit<Violation, 'method' | 'path' | 'operationId'>) => void;

function serve(
  env: Env,
  req: IncomingMessage,
  url: URL,
  op: OperationSpec,
  identity: Identity | undefined,
  rec: RecordedRequest,
  input: { path: Record<string, unknown>; query: Record<string, unknown>; body: unknown },
  done: Done,
  violate: Violate,
): Outgoing {
  // Every caller is on loopback, so anonymous callers share one bucket (as one IP would).
  const address = 'local';
  const bucket = env.limits.bucket(identity, address);
  const free = op.operationId === 'rate-limit/get';
  const charge = () => {
    if (free) return;
    bucket.used++;
    rec.counted = true;
  };

  const failure = env.failures.take({
    method: rec.method,
    path: rec.path,
    operationId: op.operationId,
  });
  const delayMs = failure?.delayMs ?? 0;
  const injected = failure ? failureReply(failure, env.now(), identity?.login) : undefined;
  if (injected) {
    rec.injected = true;
    charge();
    const headers = { ...rateHeaders(bucket), ...injected.headers };
    return { ...done(injected.status, injected.body, headers), delayMs };
  }
  if (!free && remaining(bucket) <= 0) {
    rec.injected = false;
    const who = identity ? `user ID ${identity.login}` : address;
    return {
      ...done(403, errorBody(403, `API rate limit exceeded for ${who}.`), rateHeaders(bucket)),
      delayMs,
    };
  }

  const handler = env.handlers[op.operationId];
  if (!handler) {
    const message = 'operation is valid on GitHub but not implemented by the double';
    violate({ where: 'unimplemented', field: op.operationId, message, rejected: true });
    return { ...done(404, errorBody(404, 'Not Found')), delayMs };
  }

  let reply: Reply;
  let link: string | undefined;
  try {
    reply = handler({ state: env.state, identity, basic: rec.basic, ...input, now: env.now() });
    if (reply.items) {
      const page = paginate(reply.items, url, input.query);
      reply = { ...reply, body: page.items };
      link = page.link;
    }
  } catch (error) {
    if (error instanceof CursorError) reply = { status: 422, body: errorBody(422, error.message) };
    else if (error instanceof ApiError) {
      reply = { status: error.status, body: error.toBody(), headers: error.headers };
    } else throw error;
  }

  const headers: Record<string, string> = { ...reply.headers };
  if (link) headers.link = link;
  if (rec.method === 'GET' && reply.status === 200) {
    const etag = etagOf(reply.body, identity?.login);
    headers.etag = etag;
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch?.split(',').some((t) => t.trim() === etag)) {
      // A conditional hit costs nothing against the primary rate limit.
      return { ...done(304, undefined, { ...rateHeaders(bucket), etag }), delayMs };
    }
  }
  if (reply.status !== 401) charge();
  if (env.validateResponses) {
    for (const p of checkResponse(op, reply.status, reply.body)) violate({ ...p, rejected: false });
  }
  return { ...done(reply.status, reply.body, { ...rateHeaders(bucket), ...headers }), delayMs };
}
