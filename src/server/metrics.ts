// Prometheus metrics on /metrics. Each app instance has its own registry so that two
// instances in one process (tests run two replicas side by side) do not collide.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'burndown_' });
  const m = {
    registry,
    webhookDeliveries: new Counter({
      name: 'burndown_webhook_deliveries_total',
      help: 'GitHub webhook deliveries received, by event and outcome',
      labelNames: ['event', 'outcome'] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: 'burndown_queue_depth',
      help: 'Queue entries by state: pending (handed to a replica, not done), retained (in stream)',
      labelNames: ['queue', 'state'] as const,
      registers: [registry],
    }),
    deadLetters: new Gauge({
      name: 'burndown_queue_dead_letters',
      help: 'Entries in the dead-letter stream: deliveries that failed for good (capped)',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    queueLag: new Gauge({
      name: 'burndown_queue_lag_seconds',
      help: 'Age of the oldest delivery not yet done',
      labelNames: ['queue'] as const,
      registers: [registry],
    }),
    handled: new Counter({
      name: 'burndown_queue_handled_total',
      help: 'Queue entries processed, by event and outcome',
      labelNames: ['event', 'outcome'] as const,
      registers: [registry],
    }),
    dmsSent: new Counter({
      name: 'burndown_dms_sent_total',
      help: 'Direct messages sent, by reason',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    apiCalls: new Counter({
      name: 'burndown_api_calls_total',
      help: 'Calls to GitHub and Slack, by service and status',
      labelNames: ['service', 'status'] as const,
      registers: [registry],
    }),
    rateLimitRemaining: new Gauge({
      name: 'burndown_github_rate_limit_remaining',
      help: 'Remaining GitHub primary rate limit seen on the last response',
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'burndown_job_runs_total',
      help: 'Scheduled job runs, by job and outcome (ran, skipped_locked, failed)',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    handlerSeconds: new Histogram({
      name: 'burndown_handler_seconds',
      help: 'Time to handle one queued delivery',
      labelNames: ['event'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
  };
  return m;
}

export type Metrics = ReturnType<typeof createMetrics>;
