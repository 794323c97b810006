// Feeds the Prometheus metrics from the clients and the queue: every GitHub and Slack call
// is counted by status, GitHub's remaining rate limit is kept from the last response, and
// the queue gauges are read from the store when Prometheus scrapes.
import type { FetchFunction } from '@slack/web-api';
import type { GitHubClient } from '../github/client.ts';
import { GITHUB_DELIVERIES } from '../queue/streams.ts';
import type { Kv } from '../store/kv.ts';
import type { Metrics } from './metrics.ts';

type Headers = Record<string, string | number | undefined>;

function noteRateLimit(metrics: Metrics, headers: Headers | undefined): void {
  const remaining = Number(headers?.['x-ratelimit-remaining']);
  if (Number.isFinite(remaining)) metrics.rateLimitRemaining.set(remaining);
}

/** Counts the client's requests (after its retries) and notes the rate limit left. */
export function countGitHubCalls(client: GitHubClient, metrics: Metrics): GitHubClient {
  client.hook.after('request', (response) => {
    metrics.apiCalls.inc({ service: 'github', status: String(response.status) });
    noteRateLimit(metrics, response.headers as Headers);
  });
  client.hook.error('request', (error) => {
    const e = error as { status?: number; response?: { headers?: Headers } };
    metrics.apiCalls.inc({ service: 'github', status: String(e.status ?? 'network_error') });
    noteRateLimit(metrics, e.response?.headers);
    throw error;
  });
  return client;
}

/** A fetch for the Slack WebClient that counts each HTTP call Slack answers (or does not). */
export function countingFetch(metrics: Metrics, inner: FetchFunction = fetch): FetchFunction {
  return async (url, init) => {
    try {
      const response = await inner(url, init);
      metrics.apiCalls.inc({ service: 'slack', status: String(response.status) });
      return response;
    } catch (err) {
      metrics.apiCalls.inc({ service: 'slack', status: 'network_error' });
      throw err;
    }
  };
}

/** Reads the webhook queue's depth and lag into the gauges; called on each scrape. */
export async function refreshQueueGauges(kv: Kv, metrics: Metrics): Promise<void> {
  const stats = await kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
  const queue = 'github';
  metrics.queueDepth.set({ queue, state: 'pending' }, stats.pending);
  metrics.queueDepth.set({ queue, state: 'retained' }, stats.length);
  metrics.queueLag.set({ queue }, stats.lagMs / 1000);
}
