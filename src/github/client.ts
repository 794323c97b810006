// The one door to GitHub's REST API. Clients are built here with the same plugins and
// headers: throttling (primary and secondary limits), retries on 5xx, the API version,
// and the configured base URL (GitHub.com, GHE.com data residency, or GHES).
import { createAppAuth } from '@octokit/auth-app';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { request } from '@octokit/request';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';

export const GitHub = Octokit.plugin(throttling, retry);
export type GitHubClient = InstanceType<typeof GitHub>;

/** REST version Burndown is written against (GitHub supports it until 2028-03-10). */
export const API_VERSION = '2022-11-28';

export interface GitHubClientOptions {
  baseUrl: string;
  logger: Logger;
  /** A token (PAT, installation token or a member's user token). */
  token?: string;
  app?: { appId: string; privateKey: string; installationId: string };
  /**
   * Pacing: production keeps GitHub's advice (writes 1 s apart, Retry-After in seconds);
   * tests shrink the unit so a "retry after 1" waits 1 ms instead of 1 s.
   */
  timeUnitMs?: number;
  /** Writes at most one per this many ms for this client; default 1000. */
  writeSpacingMs?: number;
  /** Retries on rate limits before giving up. */
  maxRateLimitRetries?: number;
}

/**
 * The longest rate-limit wait (in GitHub's seconds) sat out inside a request. A primary limit
 * can ask for up to an hour, and the request runs inside a queue handler or a person's
 * command: a longer wait fails the request instead, and the queue's retry or the next poll
 * picks the work up once GitHub is willing. A minute still covers GitHub's advice for a
 * secondary limit without Retry-After ("wait at least one minute").
 */
export const MAX_RATE_LIMIT_WAIT_S = 60;

/** Plugin-retry's list of final statuses, plus 429 (see the `retry` option below). */
const RETRY_PLUGIN_FINAL = [400, 401, 403, 404, 410, 422, 429, 451];

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const unit = options.timeUnitMs ?? 1000;
  const maxRetries = options.maxRateLimitRetries ?? 3;
  const log = options.logger.child({ component: 'github' });
  const auth = options.app
    ? {
        authStrategy: createAppAuth,
        auth: {
          appId: options.app.appId,
          privateKey: options.app.privateKey,
          installationId: options.app.installationId,
        },
      }
    : { auth: options.token };

  return new GitHub({
    ...auth,
    baseUrl: options.baseUrl,
    userAgent: 'burndown',
    headers: { 'x-github-api-version': API_VERSION },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => log.warn({ detail: message }, 'github client warning'),
      // Octokit reports every failed request here, but callers handle (and explain) 4xx
      // answers such as a person's 403; only what is left is worth an error line.
      error: (message: string) => {
        const status = Number(/ - (\d{3}) /.exec(message)?.[1]);
        if (status >= 400 && status < 500) log.info({ detail: message, status }, 'github refused');
        else log.error({ detail: message, code: 'github_request_failed' }, 'github client error');
      },
    },
    // Retries 5xx and network failures; 4xx answers are final and are not repeated. A 429
    // is a rate limit, the throttling plugin's to wait out (or not): retried here too, it
    // would go again after 1, 4 and 9 s, sooner than GitHub asked.
    retry: { retryAfterBaseValue: unit, retries: 3, doNotRetry: RETRY_PLUGIN_FINAL },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      // Each client paces its own writes: GitHub's secondary limits are per account, and
      // members act with their own tokens.
      write: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: options.writeSpacingMs ?? 1000,
      }),
      onRateLimit: (retryAfter, request, _octokit, retryCount) =>
        waitOutRateLimit(log, 'primary', retryAfter, request, retryCount, maxRetries),
      onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) =>
        waitOutRateLimit(log, 'secondary', retryAfter, request, retryCount, maxRetries),
    },
  });
}

/**
 * Whether the throttling plugin should wait `retryAfter` (GitHub's seconds) and try again:
 * only for a short wait, and only a few times. Otherwise the request fails with GitHub's
 * answer, which callers explain (a command) or leave to the queue's retry (a delivery).
 */
function waitOutRateLimit(
  log: Logger,
  limit: 'primary' | 'secondary',
  retryAfter: number,
  request: { method?: string; url?: string },
  retryCount: number,
  maxRetries: number,
): boolean {
  const where = { limit, method: request.method, url: request.url, retryAfter, retryCount };
  if (retryAfter <= MAX_RATE_LIMIT_WAIT_S && retryCount < maxRetries) {
    log.warn(where, 'github rate limit reached; waiting before a retry');
    return true;
  }
  log.warn(
    { ...where, maxWait: MAX_RATE_LIMIT_WAIT_S, code: 'github_rate_limited' },
    'github rate limit reached; not waiting, request fails',
  );
  return false;
}

/**
 * A bare REST request with Burndown's headers, for the calls that bring their own
 * credentials instead of a token: the App's client id and secret, sent as Basic auth to
 * `/applications/{client_id}/…`. The timeout bounds a reply a person is waiting for.
 */
export function appCredentialsRequest(baseUrl: string, timeoutMs: number) {
  return request.defaults({
    baseUrl,
    headers: { 'user-agent': 'burndown', 'x-github-api-version': API_VERSION },
    request: { signal: AbortSignal.timeout(timeoutMs) },
  });
}

/** The bot's own credentials: the GitHub App installation when configured, else the token. */
export function botAuth(config: Config): Pick<GitHubClientOptions, 'app' | 'token'> {
  const { GITHUB_APP_ID: appId, GITHUB_APP_PRIVATE_KEY: key } = config;
  const installationId = config.GITHUB_APP_INSTALLATION_ID;
  if (appId && key && installationId) {
    // Keys pasted into one-line environment variables often carry literal `\n`.
    return { app: { appId, privateKey: key.replace(/\\n/g, '\n'), installationId } };
  }
  return { token: config.GITHUB_TOKEN };
}
