// A small load generator on node:http with keep-alive sockets. Every loop is bounded in
// requests and in time and stops by itself; latency is measured from when a request was
// due, not when it left, so a stalled server cannot hide its queueing (coordinated omission).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadRequest {
  method?: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface LoadResult {
  sent: number;
  /** Requests not sent because the in-flight cap was reached (the server fell behind). */
  skipped: number;
  statuses: Record<number, number>;
  errors: number;
  latencies: number[];
  elapsedMs: number;
  /** Completed 2xx answers per second. */
  okPerSecond: number;
}

const REQUEST_TIMEOUT_MS = 10_000;

function fire(
  agent: Agent,
  origin: URL,
  req: LoadRequest,
): Promise<{ status: number } | { error: Error }> {
  return new Promise((resolve) => {
    const r = request(
      {
        agent,
        host: origin.hostname,
        port: origin.port,
        method: req.method ?? 'POST',
        path: req.path,
        headers: { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (error) => resolve({ error }));
      },
    );
    r.on('timeout', () => r.destroy(new Error('request timed out')));
    r.on('error', (error) => resolve({ error }));
    r.end(req.body);
  });
}

class Tally {
  sent = 0;
  skipped = 0;
  errors = 0;
  statuses: Record<number, number> = {};
  latencies: number[] = [];
  ok = 0;

  record(outcome: { status: number } | { error: Error }, dueAt: number) {
    if ('error' in outcome) {
      this.errors++;
      return;
    }
    this.statuses[outcome.status] = (this.statuses[outcome.status] ?? 0) + 1;
    if (outcome.status >= 200 && outcome.status < 300) this.ok++;
    this.latencies.push(performance.now() - dueAt);
  }

  result(elapsedMs: number): LoadResult {
    return {
      sent: this.sent,
      skipped: this.skipped,
      statuses: this.statuses,
      errors: this.errors,
      latencies: this.latencies,
      elapsedMs,
      okPerSecond: (this.ok / elapsedMs) * 1000,
    };
  }
}

export interface OpenLoopOptions {
  origin: string;
  /** Requests per second. */
  rate: number;
  durationMs: number;
  maxInFlight: number;
  next: (i: number) => LoadRequest;
}

/** Sends at a fixed rate for a fixed time, whatever the server does. */
export async function openLoop(o: OpenLoopOptions): Promise<LoadResult> {
  const origin = new URL(o.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: o.maxInFlight });
  const tally = new Tally();
  const inFlight = new Set<Promise<void>>();
  const total = Math.floor((o.rate * o.durationMs) / 1000);
  const start = performance.now();
  await new Promise<void>((done) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - start;
      // Request i is due at i / rate seconds: the first one at once, not one interval late.
      const due = Math.min(total, Math.floor((elapsed / 1000) * o.rate) + 1);
      while (tally.sent + tally.skipped < due) {
        const i = tally.sent + tally.skipped;
        const dueAt = start + (i / o.rate) * 1000;
        if (inFlight.size >= o.maxInFlight) {
          tally.skipped++;
          continue;
        }
        tally.sent++;
        const p = fire(agent, origin, o.next(i)).then((outcome) => {
          tally.record(outcome, dueAt);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      if (tally.sent + tally.skipped >= total || elapsed > o.durationMs * 2) {
        clearInterval(timer);
        done();
      }
    }, 1);
  });
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return tally.result(elapsedMs);
}

export interface ClosedLoopOptions {
  origin: string;
  concurrency: number;
  durationMs: number;
  maxRequests: number;
  next: (i: number) => LoadRequest;
}

/** Keeps `concurrency` requests in flight until the time or the request budget runs out. */
export async function closedLoop(o: ClosedLoopOptions): Promise<LoadResult> {
  const origin = new URL(o.origin);
  const agent = new Agent({ keepAlive: true, maxSockets: o.concurrency });
  const tally = new Tally();
  const start = performance.now();
  const until = start + o.durationMs;
  const lane = async () => {
    while (performance.now() < until && tally.sent < o.maxRequests) {
      const i = tally.sent++;
      const dueAt = performance.now();
      tally.record(await fire(agent, origin, o.next(i)), dueAt);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, lane));
  const elapsedMs = performance.now() - start;
  agent.destroy();
  return tally.result(elapsedMs);
}
