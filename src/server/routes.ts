// The HTTP routes beside Slack's: GitHub webhooks, liveness, readiness and metrics. They are
// served by Bolt's own server, so one port serves everything.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppContext } from '../app-context.ts';
import { withLogContext } from '../log-context.ts';

/** Where GitHub posts deliveries; the App's webhook URL must end with it. */
export const WEBHOOK_PATH = '/github/webhooks';

type Route = {
  path: string;
  method: string | string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

/** Wraps an async handler: Bolt does not catch rejected promises from custom routes. */
function safe(ctx: AppContext, fn: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse) => {
    // GitHub names each delivery; other callers get an id of ours for their log lines.
    const delivery = req.headers['x-github-delivery'];
    const fields =
      typeof delivery === 'string' && delivery
        ? { deliveryId: delivery }
        : { requestId: randomUUID() };
    const work = () => withLogContext(fields, () => fn(req, res));
    work().catch((err) => {
      ctx.logger.error({ err, path: req.url, code: 'unknown' }, 'route failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    });
  };
}

export interface RouteDeps {
  ctx: AppContext;
  webhookIntake?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** Whether Slack accepted our token at the last check. */
  slackReady: () => Promise<boolean>;
  /** False while shutting down, so the load balancer stops sending work. */
  accepting: () => boolean;
  /** Brings gauges up to date before a scrape (queue depth and lag). */
  beforeScrape?: () => Promise<void>;
}

export function buildRoutes(deps: RouteDeps): Route[] {
  const { ctx } = deps;
  const routes: Route[] = [
    {
      path: '/healthz',
      method: ['GET', 'HEAD'],
      handler: (_req, res) => json(res, 200, { status: 'ok' }),
    },
    {
      path: '/readyz',
      method: ['GET', 'HEAD'],
      handler: safe(ctx, async (_req, res) => {
        const [store, slack] = await Promise.all([ctx.kv.ping(), deps.slackReady()]);
        const accepting = deps.accepting();
        const ok = store && slack && accepting;
        json(res, ok ? 200 : 503, {
          status: ok ? 'ready' : 'not ready',
          store: store ? 'ok' : 'unreachable',
          slack: slack ? 'ok' : 'auth failed',
          ...(accepting ? {} : { shutdown: 'in progress' }),
        });
      }),
    },
    {
      path: '/metrics',
      method: 'GET',
      handler: safe(ctx, async (_req, res) => {
        // A store outage must not hide the other metrics: the gauges keep their last values.
        await deps
          .beforeScrape?.()
          .catch((err) =>
            ctx.logger.warn({ err, code: 'store_unavailable' }, 'queue gauges not refreshed'),
          );
        res.writeHead(200, { 'content-type': ctx.metrics.registry.contentType });
        res.end(await ctx.metrics.registry.metrics());
      }),
    },
  ];
  if (deps.webhookIntake) {
    const intake = deps.webhookIntake;
    // First in the list: Bolt compiles each route's pattern anew on every request until one
    // matches, and webhooks are by far the busiest route.
    routes.unshift({
      path: WEBHOOK_PATH,
      method: 'POST',
      handler: safe(ctx, async (req, res) => {
        if (!deps.accepting()) return json(res, 503, { error: 'shutting down' });
        await intake(req, res);
      }),
    });
  }
  return routes;
}
