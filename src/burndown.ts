// Assembles the bot: store, clients, Slack app, webhook intake, queue worker and schedule.
// main.ts calls this with the real configuration; tests call it with doubles and options.

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import { type AppContext, createRepos } from './app-context.ts';
import type { Config } from './config.ts';
import { BotError } from './errors.ts';
import { botAuth, createGitHubClient } from './github/client.ts';
import { allJobs } from './jobs/all-jobs.ts';
import { type Job, Scheduler } from './jobs/scheduler.ts';
import type { Logger } from './log.ts';
import { withLogContext } from './log-context.ts';
import { refreshDeadLetterGauge } from './queue/dead-letters.ts';
import { IntakePressure } from './queue/intake-pressure.ts';
import { GITHUB_DELIVERIES } from './queue/streams.ts';
import { QueueWorker } from './queue/worker.ts';
import { countGitHubCalls, countingFetch, refreshQueueGauges } from './server/instrument.ts';
import { createMetrics } from './server/metrics.ts';
import { buildRoutes, WEBHOOK_PATH } from './server/routes.ts';
import { boltLogger } from './slack/bolt-logger.ts';
import { registerSlackHandlers } from './slack/register.ts';
import type { Kv } from './store/kv.ts';
import { claimOnce } from './store/lock.ts';
import { migrateAlertStore } from './store/migrate-alert-store.ts';
import { webhookHandlers } from './webhooks/all-handlers.ts';
import { createDispatcher } from './webhooks/dispatch.ts';
import { createWebhookIntake } from './webhooks/intake.ts';

export interface BurndownOptions {
  config: Config;
  kv: Kv;
  logger: Logger;
  now?: () => Date;
  /** Name of this replica's queue consumer; defaults to host and pid. */
  consumer?: string;
  /** GitHub pacing unit (ms per "second" of Retry-After); tests shrink it. */
  githubTimeUnitMs?: number;
  githubWriteSpacingMs?: number;
  /** Laid over the production settings (`slackClientSettings`); tests shorten the pauses. */
  slackClientOptions?: WebClientOptions;
  /** How long a queue entry may stay pending before another consumer retries it. */
  claimAfterMs?: number;
  /** How long an idle worker waits on the queue before looking again (and noticing stop). */
  workerBlockMs?: number;
  /** Starts the cron schedule; tests run jobs by hand instead. */
  schedule?: boolean;
  defaultMetrics?: boolean;
}

export interface Burndown {
  ctx: AppContext;
  app: App;
  worker: QueueWorker;
  /** How hard GitHub is pushing deliveries at this replica (the worker yields to it). */
  pressure: IntakePressure;
  jobs: Job[];
  /** Starts serving; returns the port actually bound (use 0 in tests). */
  start(port?: number): Promise<number>;
  /** Stops taking work, finishes what is in hand, and closes the store. */
  stop(options?: { closeStore?: boolean }): Promise<void>;
}

/** How long one Slack Web API request may take before it is abandoned (and retried). */
export const SLACK_REQUEST_TIMEOUT_MS = 10_000;
/** Retries after a failed Slack call (no answer, 5xx, 429): three attempts in all. */
export const SLACK_RETRIES = 2;
/** No retry starts once this long has passed since the first attempt. */
export const SLACK_RETRY_WINDOW_MS = 60_000;

/**
 * Limits of Burndown's Slack client, shared by production and the tests (which shrink only
 * the pause between attempts). Without them @slack/web-api makes no request timeout and
 * retries ten times over about half an hour, and Slack calls run inside queue handlers:
 * one unanswered call would stall the delivery in hand, and the worker, for that long.
 *
 * Rate-limited calls are not rejected: the client waits Slack's Retry-After and tries again
 * (within the same few attempts). Only the notice flush has a "later" of its own, and it
 * acts on it at the next flush-job run; every other caller (message redraws, cards,
 * digests, modals) would turn a 429 into a failure. When the attempts run out, the error
 * names Retry-After, which the notice flush reads to schedule the notice.
 */
export function slackClientSettings(
  options: { retryPauseMs?: number } = {},
): Pick<WebClientOptions, 'timeout' | 'retryConfig' | 'rejectRateLimitedCalls'> {
  const pause = options.retryPauseMs ?? 1000;
  return {
    timeout: SLACK_REQUEST_TIMEOUT_MS,
    rejectRateLimitedCalls: false,
    retryConfig: {
      retries: SLACK_RETRIES,
      factor: 2,
      minTimeout: pause,
      maxTimeout: 5 * pause,
      // Replicas retrying the same outage should not all come back at the same moment.
      randomize: true,
      maxRetryTime: SLACK_RETRY_WINDOW_MS,
    },
  };
}

/**
 * Bolt matches custom routes by compiling each route's pattern on every request; during a
 * burst the webhook route takes thousands of deliveries a second, so it is answered before
 * Bolt's router looks. Every other path, and this one with a query string, still goes to Bolt.
 */
function serveWebhooksFirst(receiver: HTTPReceiver, routes: ReturnType<typeof buildRoutes>) {
  const webhook = routes.find((r) => r.path === WEBHOOK_PATH);
  if (!webhook) return;
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) =>
    req.method === 'POST' && req.url === WEBHOOK_PATH ? webhook.handler(req, res) : bolt(req, res);
}

export function createBurndown(options: BurndownOptions): Burndown {
  const { config, kv, logger } = options;
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics });
  const slackOptions: WebClientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    logger: boltLogger(logger),
    ...slackClientSettings(),
    ...options.slackClientOptions,
    fetch: countingFetch(metrics, options.slackClientOptions?.fetch),
  };
  const githubBase = {
    baseUrl: config.GITHUB_API_URL,
    logger,
    timeUnitMs: options.githubTimeUnitMs,
    writeSpacingMs: options.githubWriteSpacingMs,
  };

  const ctx: AppContext = {
    config,
    logger,
    kv,
    metrics,
    repos: createRepos(kv),
    github: countGitHubCalls(
      createGitHubClient({
        ...githubBase,
        ...botAuth(config),
      }),
      metrics,
    ),
    githubAs: (token) => countGitHubCalls(createGitHubClient({ ...githubBase, token }), metrics),
    slack: new WebClient(config.SLACK_BOT_TOKEN, slackOptions),
    now: options.now ?? (() => new Date()),
  };

  let accepting = true;
  let slackOkUntil = 0;
  const slackReady = async () => {
    if (Date.now() < slackOkUntil) return true;
    try {
      await ctx.slack.auth.test();
      slackOkUntil = Date.now() + 30_000;
      return true;
    } catch {
      return false;
    }
  };
  const pressure = new IntakePressure();
  const routes = buildRoutes({
    ctx,
    slackReady,
    accepting: () => accepting,
    beforeScrape: async () => {
      await refreshQueueGauges(kv, metrics);
      await refreshDeadLetterGauge(kv, metrics, { name: 'github', ...GITHUB_DELIVERIES });
    },
    ...(config.GITHUB_WEBHOOK_SECRET
      ? {
          webhookIntake: createWebhookIntake({
            kv,
            secret: config.GITHUB_WEBHOOK_SECRET,
            logger,
            metrics,
            pressure,
          }),
        }
      : {}),
  });

  const receiver = config.socketMode
    ? new SocketModeReceiver({
        appToken: config.SLACK_APP_TOKEN!,
        customRoutes: routes,
        installerOptions: { port: config.PORT },
        logger: boltLogger(logger),
      })
    : new HTTPReceiver({
        signingSecret: config.SLACK_SIGNING_SECRET!,
        endpoints: '/slack/events',
        customRoutes: routes,
        processBeforeResponse: false,
        logger: boltLogger(logger),
      });

  if (receiver instanceof HTTPReceiver) serveWebhooksFirst(receiver, routes);

  const app = new App({
    token: config.SLACK_BOT_TOKEN,
    receiver,
    logger: boltLogger(logger),
    clientOptions: slackOptions,
    deferInitialization: true,
    // Conversation state would live in one replica's memory; Burndown keeps none.
    convoStore: false,
  });

  // Slack retries an event it thinks we missed; the first delivery wins, on any replica.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: string }).event_id;
    if (eventId && !(await claimOnce(kv, `slack-event:${eventId}`, 3600_000))) {
      logger.info({ eventId }, 'slack event retry ignored; already handled');
      return;
    }
    // Every log line of this request carries one id, whichever replica handles it.
    await withLogContext({ requestId: eventId ?? randomUUID() }, next);
  });
  registerSlackHandlers(app, ctx);

  const dispatch = createDispatcher(ctx, webhookHandlers);
  const worker = new QueueWorker({
    kv,
    stream: GITHUB_DELIVERIES.stream,
    group: GITHUB_DELIVERIES.group,
    consumer: options.consumer ?? `${hostname()}-${process.pid}`,
    handler: (entry) =>
      withLogContext({ deliveryId: entry.fields.deliveryId, entry: entry.id }, async () => {
        await dispatch(entry);
        logger.debug({ event: entry.fields.event, attempt: entry.deliveries }, 'delivery handled');
      }),
    logger,
    claimAfterMs: options.claimAfterMs ?? config.QUEUE_CLAIM_AFTER_MS,
    intakeBursting: () => pressure.bursting(),
    describe: (entry) => ({ deliveryId: entry.fields.deliveryId, event: entry.fields.event }),
    isPermanent: (err) => err instanceof BotError && err.code === 'webhook_payload_invalid',
    blockMs: options.workerBlockMs,
  });
  const jobs = allJobs(config);
  const scheduler = new Scheduler(ctx, jobs);
  let server: Server | undefined;

  return {
    ctx,
    app,
    worker,
    pressure,
    jobs,
    async start(port = config.PORT) {
      // Before anything reads or writes alerts: Slack handlers, the worker and the schedule.
      await migrateAlertStore(kv, logger);
      await app.init();
      const started = await app.start(port);
      await worker.start();
      if (options.schedule !== false) scheduler.start();
      server = (started as Server | undefined) ?? undefined;
      const address = server?.address?.();
      const bound = typeof address === 'object' && address ? address.port : port;
      logger.info(
        { port: bound, store: kv.kind, socketMode: config.socketMode },
        'burndown started',
      );
      return bound;
    },
    async stop(stopOptions = {}) {
      // Order matters: refuse new work first (readyz and intake answer 503), then let the
      // worker finish the delivery in hand; entries it fetched but did not start stay
      // pending in the consumer group, and another replica claims them.
      accepting = false;
      logger.info({ inFlight: worker.busy }, 'burndown stopping');
      await scheduler.stop();
      await worker.stop();
      await app.stop().catch((err) => logger.warn({ err }, 'slack receiver stop failed'));
      if (stopOptions.closeStore !== false) await kv.close();
      logger.info('burndown stopped');
    },
  };
}
