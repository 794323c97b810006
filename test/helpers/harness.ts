// Starts the real bot against the GitHub and Slack doubles, on a real HTTP port, with the
// store of choice. Tests talk to it the way Slack and GitHub do: signed HTTP requests.
import { randomUUID } from 'node:crypto';
import { type Burndown, createBurndown, slackClientSettings } from '../../src/burndown.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import type { Kv } from '../../src/store/kv.ts';
import { type GitHubDouble, startGitHubDouble } from '../doubles/github/index.ts';
import {
  DEFAULT_TOKEN,
  type SlackDouble,
  startSlackDouble,
  type WorkspaceSeed,
} from '../doubles/slack/index.ts';
import { memoryTestKv, redisTestKv, type TestKv } from './kv.ts';
import { postDelivery, signGitHubDelivery } from './sign-github.ts';
import {
  interactionBody,
  postToSlackEndpoint,
  signedSlackRequest,
  slashCommandBody,
} from './sign-slack.ts';

export const SIGNING_SECRET = 'test-signing-secret';
export const WEBHOOK_SECRET = 'test-webhook-secret';
export const BOT_GITHUB_TOKEN = 'ghs_burndown_installation_token';
export const ORG = 'acme';
export const INSTALLATION_ID = 4242;

export interface HarnessOptions {
  store?: 'memory' | 'redis';
  /** Share one store between harnesses to run replicas side by side. */
  shared?: { kv: Kv; github: GitHubDouble; slack: SlackDouble };
  env?: Record<string, string>;
  now?: () => Date;
  consumer?: string;
  /** Collects log lines as parsed JSON, for tests that assert on logs. */
  captureLogs?: boolean;
  claimAfterMs?: number;
  /** People and channels of the Slack double, when the harness starts its own. */
  workspace?: WorkspaceSeed;
}

export interface Harness {
  github: GitHubDouble;
  slack: SlackDouble;
  bot: Burndown;
  kv: Kv;
  config: Config;
  url: string;
  logs: Record<string, unknown>[];
  /** Runs `/campaign <text>` as a user; resolves with what the bot posted to response_url. */
  command(
    text: string,
    options?: { user?: string; channel?: string; waitMs?: number },
  ): Promise<{ status: number; responses: Record<string, unknown>[]; triggerId: string }>;
  /** Posts a signed GitHub delivery to /github/webhooks. */
  deliver(
    event: string,
    payload: unknown,
    options?: { deliveryId?: string; secret?: string },
  ): Promise<{ status: number; body: string }>;
  /** Posts a signed interaction payload (block_actions, view_submission, …). */
  interact(payload: unknown): Promise<{ status: number; body: unknown }>;
  /** Waits until every queued delivery has been handled. */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function testEnv(
  github: GitHubDouble,
  slack: SlackDouble,
  extra: Record<string, string> = {},
) {
  return {
    SLACK_BOT_TOKEN: DEFAULT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.url,
    GITHUB_ORG: ORG,
    GITHUB_TOKEN: BOT_GITHUB_TOKEN,
    GITHUB_API_URL: github.url,
    GITHUB_WEB_URL: github.url,
    GITHUB_WEBHOOK_SECRET: WEBHOOK_SECRET,
    // The App's own client credentials, so refreshes and grant deletions are accepted.
    GITHUB_APP_CLIENT_ID: github.state.app.clientId,
    GITHUB_APP_CLIENT_SECRET: github.state.app.clientSecret,
    TOKEN_ENCRYPTION_KEY: 'a'.repeat(64),
    LOG_LEVEL: 'debug',
    // Notices go out as soon as they are queued; batching tests set a window and flush.
    NOTIFY_BATCH_SECONDS: '0',
    ...extra,
  };
}

export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 3000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function captureLogger(logs: Record<string, unknown>[], capture: boolean): Logger {
  if (!capture) return createLogger({ level: 'silent' });
  const sink = {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return createLogger({ level: 'debug', destination: sink });
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const github = options.shared?.github ?? (await startGitHubDouble());
  const slack =
    options.shared?.slack ?? (await startSlackDouble({ workspace: options.workspace ?? {} }));
  // The bot reads as the GitHub App installed on the organization.
  github.state.installations[INSTALLATION_ID] = { id: INSTALLATION_ID, org: ORG };
  github.state.tokens[BOT_GITHUB_TOKEN] = {
    login: 'burndown[bot]',
    kind: 'installation',
    installationId: INSTALLATION_ID,
  };
  let testKv: TestKv | undefined;
  if (!options.shared) testKv = await (options.store === 'redis' ? redisTestKv() : memoryTestKv());
  const kv = options.shared?.kv ?? testKv!.kv;
  const config = loadConfig(testEnv(github, slack, options.env));
  const logs: Record<string, unknown>[] = [];
  const bot = createBurndown({
    config,
    kv,
    logger: captureLogger(logs, options.captureLogs ?? false),
    now: options.now,
    consumer: options.consumer ?? `test-${randomUUID().slice(0, 8)}`,
    githubTimeUnitMs: 1,
    githubWriteSpacingMs: 0,
    // Production's Slack client limits, with only the pause between attempts shrunk.
    slackClientOptions: slackClientSettings({ retryPauseMs: 5 }),
    claimAfterMs: options.claimAfterMs ?? 60_000,
    workerBlockMs: 50,
    schedule: false,
  });
  const port = await bot.start(0);
  const url = `http://127.0.0.1:${port}`;

  return {
    github,
    slack,
    bot,
    kv,
    config,
    url,
    logs,
    async command(text, o = {}) {
      const id = randomUUID();
      const triggerId = `${Date.now()}.${Math.floor(Math.random() * 1e9)}.trigger`;
      const body = slashCommandBody({
        command: '/campaign',
        text,
        user_id: o.user ?? 'U0ALICE',
        channel_id: o.channel ?? 'C0GENERAL',
        trigger_id: triggerId,
        response_url: slack.responseUrl(id),
      });
      const res = await postToSlackEndpoint(url, signedSlackRequest(body, SIGNING_SECRET));
      const waitMs = o.waitMs ?? 3000;
      await waitFor(() => slack.responses(id).length > 0, waitMs, `a reply to "${text}"`).catch(
        () => undefined,
      );
      return { status: res.status, responses: slack.responses(id), triggerId };
    },
    async deliver(event, payload, o = {}) {
      const delivery = await signGitHubDelivery({
        event,
        payload,
        secret: o.secret ?? WEBHOOK_SECRET,
        ...(o.deliveryId ? { deliveryId: o.deliveryId } : {}),
      });
      return postDelivery(url, delivery);
    },
    async interact(payload) {
      const body = interactionBody(payload as Parameters<typeof interactionBody>[0]);
      return postToSlackEndpoint(url, signedSlackRequest(body, SIGNING_SECRET));
    },
    async drain(timeoutMs = 5000) {
      await waitFor(
        async () => {
          const s = await kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
          return s.pending === 0 && s.lagMs === 0 && bot.worker.busy === 0;
        },
        timeoutMs,
        'the queue to drain',
      );
    },
    async close() {
      await bot.stop({ closeStore: false });
      if (!options.shared) {
        await testKv?.cleanup();
        await github.close();
        await slack.close();
      }
    },
  };
}
