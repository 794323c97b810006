// `npm run bench`: measures Burndown against the goals of issue #9 on this machine and
// prints one table (also written to bench/BENCHMARKS.md). Each section is bounded in time;
// a section that cannot run says why instead of printing a number.
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startBenchWorld } from './bench-world.ts';
import { eventToDmBench } from './event-to-dm-bench.ts';
import { intakeBench } from './intake-bench.ts';
import { redisMemoryBench } from './redis-memory-bench.ts';
import { slashAckBench } from './slash-ack-bench.ts';
import { mb } from './stats.ts';
import { syncCostBench } from './sync-cost-bench.ts';
import { type BenchRow, notMeasured, renderTable, row, writeReport } from './table.ts';

const started = Date.now();
const rows: BenchRow[] = [];
const notes: string[] = [];

// `npm run bench -- slash` runs only the sections whose name contains one of the words given,
// to work on one figure without waiting for the rest; BENCHMARKS.md is then left alone.
const only = process.argv.slice(2).map((w) => w.toLowerCase());
const wanted = (name: string) => !only.length || only.some((w) => name.toLowerCase().includes(w));

async function section(name: string, goal: string, fn: () => Promise<BenchRow[]>) {
  if (!wanted(name)) return;
  const t0 = Date.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    rows.push(...(await fn()));
  } catch (err) {
    rows.push(notMeasured(name, 'section failed', goal, (err as Error).message));
  }
  process.stderr.write(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
}

const DIGEST_GOAL = '< 1 s for 10 campaigns x 1,000 alerts, with charts';

/** The digest bench belongs to the digest capability (issue #6), in bench/digest.ts. */
async function digestRows(): Promise<BenchRow[]> {
  let mod: { digestBench?: () => Promise<BenchRow[]> };
  try {
    mod = await import('./digest.ts');
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND') throw err;
    return [notMeasured('Digest', 'digest with charts', DIGEST_GOAL, 'no bench/digest.ts yet')];
  }
  if (!mod.digestBench) {
    return [notMeasured('Digest', 'digest with charts', DIGEST_GOAL, 'no digestBench export')];
  }
  return mod.digestBench();
}

// V8 keeps the young generation that start-up grew until its memory reducer sees the isolate
// idle (about 15 s on this machine), then returns it: 1 s after start the bot holds some
// 40 MB that it gives back by itself. Idle is therefore read after the bot has had no traffic
// for IDLE_AFTER_MS. The sections that run in this process wait until the load sections are
// done: the garbage they leave would make this process, the load generator, pause mid-run.
const IDLE_AFTER_MS = 25_000;

const world = await startBenchWorld();
const botStarted = Date.now();
try {
  await new Promise((r) => setTimeout(r, 1000));
  const justStarted = await world.rss();
  rows.push(row('Memory', 'bot RSS 1 s after start', mb(justStarted), 'reported'));
  if (wanted('Memory')) {
    const quiet = IDLE_AFTER_MS - (Date.now() - botStarted);
    if (quiet > 0) await new Promise((r) => setTimeout(r, quiet));
    const idle = await world.rss();
    const idleFor = ((Date.now() - botStarted) / 1000).toFixed(0);
    rows.push(
      row(
        'Memory',
        `bot RSS idle (${idleFor} s after start, no traffic yet)`,
        mb(idle),
        '< 120 MB',
        idle < 120 * 1024 * 1024,
      ),
    );
  }
  // Event to DM first: the intake run leaves tens of thousands of deliveries in the queue.
  await section('Event to DM', 'p99 < 500 ms', () => eventToDmBench(world));
  await section('Slash command ack', 'p99 < 50 ms', () => slashAckBench(world));
  await section('Webhook intake', 'see issue #9', async () => (await intakeBench(world)).rows);
  const after = await world.rss();
  rows.push(row('Memory', 'bot RSS after the runs', mb(after), 'reported'));
} finally {
  await world.close();
}
await section('Memory', '< 512 B per alert', () => redisMemoryBench());
await section('Sync cost', 'see issue #9', () => syncCostBench());
await section('Digest', '< 1 s', () => digestRows());

const seconds = ((Date.now() - started) / 1000).toFixed(0);
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
notes.push(
  `Measured on ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores; the whole run ` +
    `took ${seconds} s; load average at the end ${load} (anything else running skews every ` +
    'figure; the intake baseline runs interleaved with the bot so both see the same noise).',
  'Intake baseline: plain node:http, @octokit/webhooks-methods `verify` (what @octokit/webhooks ' +
    'uses) and one Redis XADD; the bot also stores a dedupe key in the same Lua script, checks ' +
    "the body's outline, counts metrics and runs its queue worker in the same process (the " +
    'worker steps back while deliveries arrive faster than 1,500 a second).',
  'Idle RSS is read after the bot has had no traffic for 25 s: V8 returns the memory start-up ' +
    'grew only once it sees the process idle, so the reading 1 s after start is shown beside it.',
  'The bot runs in a child process from JavaScript transpiled by bench/build-bot.ts, as ' +
    '`npm start` runs it; the load generator and the doubles run in this process.',
  'Latency is measured from when each request was due (open loop), so queueing shows.',
);
const table = renderTable(rows);
process.stdout.write(`${table}\n\n${notes.join('\n')}\n`);
if (!only.length)
  writeReport(fileURLToPath(new URL('BENCHMARKS.md', import.meta.url)), rows, notes);
