// Webhook intake: deliveries verified and durably queued per second, and the time to answer,
// at rising load and at saturation, for the bot and for a bare baseline in the same run.
import { randomUUID } from 'node:crypto';
import { RedisKv } from '../src/store/redis-kv.ts';
import { codeScanningAlertEvent } from '../test/fixtures/github-webhooks.ts';
import { ORG } from '../test/helpers/harness.ts';
import { githubSignature } from '../test/helpers/sign-github.ts';
import { BENCH_REDIS_URL, type BenchWorld, dropPrefix } from './bench-world.ts';
import { startChild } from './child-process.ts';
import { closedLoop, type LoadRequest, type LoadResult, openLoop } from './load.ts';
import { ms, summarize } from './stats.ts';
import { type BenchRow, row } from './table.ts';

const RATES = [500, 1000, 2000];
const PHASE_MS = 3000;
const SATURATION_CONCURRENCY = 32;
const SATURATION_ROUNDS = 4;
const SATURATION_ROUND_MS = 1500;
const MAX_IN_FLIGHT = 256;

/**
 * Signed bodies to cycle through. GitHub's signature covers the body only, so one signed
 * body serves many deliveries, each with its own delivery id: the generator stays cheap.
 */
async function signedBodies(secret: string, count: number) {
  const out: { body: string; signature: string }[] = [];
  for (let i = 0; i < count; i++) {
    const payload = codeScanningAlertEvent('created', {
      org: ORG,
      repo: { id: 7000 + (i % 10), name: `svc-${i % 10}`, full_name: `${ORG}/svc-${i % 10}` },
      number: 1000 + i,
      location: { path: `src/handlers/h${i}.js`, start_line: 10 + i },
    });
    const body = JSON.stringify(payload);
    out.push({ body, signature: await githubSignature(secret, body) });
  }
  return out;
}

function requestMaker(bodies: { body: string; signature: string }[]) {
  const run = randomUUID().slice(0, 8);
  return (i: number): LoadRequest => {
    const b = bodies[i % bodies.length]!;
    return {
      path: '/github/webhooks',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'GitHub-Hookshot/bench',
        'x-github-event': 'code_scanning_alert',
        'x-github-delivery': `${run}-${i}`,
        'x-hub-signature-256': b.signature,
      },
      body: b.body,
    };
  };
}

function ratePhase(origin: string, rate: number, next: (i: number) => LoadRequest) {
  return openLoop({ origin, rate, durationMs: PHASE_MS, maxInFlight: MAX_IN_FLIGHT, next });
}

function saturate(origin: string, next: (i: number) => LoadRequest) {
  return closedLoop({
    origin,
    concurrency: SATURATION_CONCURRENCY,
    durationMs: SATURATION_ROUND_MS,
    maxRequests: 100_000,
    next,
  });
}

/** Adds up rounds of the same kind, as if they were one longer run. */
function combine(results: LoadResult[]): LoadResult {
  const statuses: Record<number, number> = {};
  for (const r of results) {
    for (const [s, n] of Object.entries(r.statuses)) {
      statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
    }
  }
  const elapsedMs = results.reduce((n, r) => n + r.elapsedMs, 0);
  const ok = results.reduce((n, r) => n + (r.okPerSecond * r.elapsedMs) / 1000, 0);
  return {
    sent: results.reduce((n, r) => n + r.sent, 0),
    skipped: results.reduce((n, r) => n + r.skipped, 0),
    errors: results.reduce((n, r) => n + r.errors, 0),
    statuses,
    latencies: results.flatMap((r) => r.latencies),
    elapsedMs,
    okPerSecond: (ok / elapsedMs) * 1000,
  };
}

/**
 * Runs each phase on the baseline and then on the bot, back to back, so that whatever
 * else the machine is doing at that moment weighs on both alike. Saturation, the noisiest
 * figure, alternates short rounds (and which side goes first) and adds them up.
 */
async function interleaved(baseline: string, bot: string, next: (i: number) => LoadRequest) {
  const warm = { concurrency: 16, durationMs: 1000, maxRequests: 5000, next };
  await closedLoop({ origin: baseline, ...warm });
  await closedLoop({ origin: bot, ...warm });
  let offset = 10_000;
  const shifted = () => {
    const at = offset;
    offset += 100_000;
    return (i: number) => next(at + i);
  };
  const rates: { base: LoadResult; bot: LoadResult }[] = [];
  for (const rate of RATES) {
    const base = await ratePhase(baseline, rate, shifted());
    rates.push({ base, bot: await ratePhase(bot, rate, shifted()) });
  }
  const baseRounds: LoadResult[] = [];
  const botRounds: LoadResult[] = [];
  for (let round = 0; round < SATURATION_ROUNDS; round++) {
    const baseFirst = round % 2 === 0;
    if (baseFirst) baseRounds.push(await saturate(baseline, shifted()));
    botRounds.push(await saturate(bot, shifted()));
    if (!baseFirst) baseRounds.push(await saturate(baseline, shifted()));
  }
  return { rates, saturation: { base: combine(baseRounds), bot: combine(botRounds) } };
}

function failures(r: LoadResult): number {
  const bad = Object.entries(r.statuses)
    .filter(([s]) => Number(s) !== 202)
    .reduce((n, [, c]) => n + c, 0);
  return bad + r.errors + r.skipped;
}

function notAccepted(r: LoadResult): string {
  const parts = Object.entries(r.statuses)
    .filter(([status]) => status !== '202')
    .map(([status, n]) => `${n}x${status}`);
  if (r.errors) parts.push(`${r.errors} errors`);
  if (r.skipped) parts.push(`${r.skipped} not sent (${MAX_IN_FLIGHT} in flight)`);
  return parts.length ? `; not accepted: ${parts.join(', ')}` : '';
}

export async function intakeBench(world: BenchWorld): Promise<{ rows: BenchRow[] }> {
  const bodies = await signedBodies(world.secret, 50);
  const baselinePrefix = `burndown-bench-baseline:${randomUUID().slice(0, 8)}:`;
  const baseline = await startChild('baseline-server.ts', {
    redisUrl: BENCH_REDIS_URL,
    stream: `${baselinePrefix}queue`,
    secret: world.secret,
  });
  let results: Awaited<ReturnType<typeof interleaved>>;
  try {
    const origin = `http://127.0.0.1:${baseline.ready.port}`;
    results = await interleaved(origin, world.botUrl, requestMaker(bodies));
  } finally {
    await baseline.stop();
    const cleaner = await RedisKv.connect({ url: BENCH_REDIS_URL, prefix: baselinePrefix });
    await dropPrefix(cleaner);
    await cleaner.close();
  }

  const rows: BenchRow[] = [];
  RATES.forEach((rate, i) => {
    const { base, bot } = results.rates[i]!;
    const s = summarize(bot.latencies);
    const r = summarize(base.latencies);
    const clean = failures(bot) === 0;
    rows.push(
      row(
        'Webhook intake',
        `${rate}/s offered: p50 / p99 to answer`,
        `${ms(s.p50)} / ${ms(s.p99)}, ${bot.okPerSecond.toFixed(0)}/s queued${notAccepted(bot)}` +
          ` (baseline ${ms(r.p50)} / ${ms(r.p99)})`,
        rate === 2000 ? 'p99 < 10 ms at 2,000/s, all accepted' : 'reference',
        rate === 2000 ? s.p99 < 10 && clean : undefined,
      ),
    );
  });
  const { base, bot } = results.saturation;
  const ratio = bot.okPerSecond / base.okPerSecond;
  const sat = summarize(bot.latencies);
  rows.push(
    row(
      'Webhook intake',
      `saturation (${SATURATION_CONCURRENCY} in flight, ${SATURATION_ROUNDS} alternating rounds ` +
        `of ${SATURATION_ROUND_MS / 1000} s): throughput vs baseline`,
      `${bot.okPerSecond.toFixed(0)}/s vs ${base.okPerSecond.toFixed(0)}/s = ` +
        `${ratio.toFixed(2)}x (bot p99 ${ms(sat.p99)})`,
      '>= 0.8x baseline',
      ratio >= 0.8,
    ),
  );
  return { rows };
}
