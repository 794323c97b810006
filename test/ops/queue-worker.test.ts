// The queue worker's manners: during a webhook burst it leaves most of the CPU to the intake
// (GitHub gives up on a slow answer and never retries) yet keeps draining the queue, and a
// delivery no retry can mend goes to the dead letters at once instead of five times over.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BotError } from '../../src/errors.ts';
import { silentLogger } from '../../src/log.ts';
import {
  BACK_SEAT_RATIO,
  type EntryHandler,
  MAX_BACK_SEAT_MS,
  QueueWorker,
} from '../../src/queue/worker.ts';
import { MemoryKv } from '../../src/store/memory-kv.ts';
import { waitFor } from '../helpers/harness.ts';

const STREAM = 'queue:test';
const GROUP = 'workers';
const HANDLER_MS = 10;

interface Ctx {
  kv: MemoryKv;
  handled: string[];
  pauses: number[];
  worker?: QueueWorker;
}

const t = suite<Ctx>('queue worker', {} as Ctx);

t.before.each(async (ctx) => {
  ctx.kv = new MemoryKv();
  ctx.handled = [];
  ctx.pauses = [];
  ctx.worker = undefined;
  await ctx.kv.ensureGroup(STREAM, GROUP);
});

t.after.each(async (ctx) => {
  await ctx.worker?.stop();
  await ctx.kv.close();
});

const slowHandler =
  (ctx: Ctx): EntryHandler =>
  async (entry) => {
    await new Promise((r) => setTimeout(r, HANDLER_MS));
    ctx.handled.push(entry.fields.n!);
  };

async function startWorker(
  ctx: Ctx,
  options: { bursting: boolean; handler?: EntryHandler; isPermanent?: (e: unknown) => boolean },
) {
  ctx.worker = new QueueWorker({
    kv: ctx.kv,
    stream: STREAM,
    group: GROUP,
    consumer: 'c1',
    handler: options.handler ?? slowHandler(ctx),
    logger: silentLogger(),
    blockMs: 20,
    intakeBursting: () => options.bursting,
    pause: async (ms) => {
      ctx.pauses.push(ms);
    },
    ...(options.isPermanent ? { isPermanent: options.isPermanent } : {}),
  });
  await ctx.worker.start();
}

async function enqueue(kv: MemoryKv, count: number) {
  for (let i = 0; i < count; i++) await kv.enqueue(STREAM, { n: String(i) });
}

t('during an intake burst the worker rests after each batch and still drains', async (ctx) => {
  await enqueue(ctx.kv, 20);
  await startWorker(ctx, { bursting: true });
  await waitFor(() => ctx.handled.length === 20, 5000, 'every entry handled');
  // 20 entries in batches of 8: a rest after each of the three batches.
  assert.ok(ctx.pauses.length >= 3, `rested ${ctx.pauses.length} times`);
  for (const ms of ctx.pauses) {
    // A batch takes at least the handler's sleep; timers may fire a hair early.
    const least = HANDLER_MS * BACK_SEAT_RATIO * 0.8;
    assert.ok(ms >= least, `a rest of ${ms} ms follows a batch (at least ${least})`);
    assert.ok(ms <= MAX_BACK_SEAT_MS, `a rest of ${ms} ms stays bounded`);
  }
  assert.is((await ctx.kv.queueStats(STREAM, GROUP)).pending, 0);
});

t('with the intake calm the worker goes straight on to the next batch', async (ctx) => {
  await enqueue(ctx.kv, 20);
  await startWorker(ctx, { bursting: false });
  await waitFor(() => ctx.handled.length === 20, 5000, 'every entry handled');
  assert.equal(ctx.pauses, []);
});

const permanent = (e: unknown) => e instanceof BotError && e.code === 'webhook_payload_invalid';

/** One entry whose handler always fails with `code`; returns how often it was tried. */
async function failOnce(ctx: Ctx, code: 'webhook_payload_invalid' | 'slack_request_failed') {
  await enqueue(ctx.kv, 1);
  const tried = { attempts: 0 };
  await startWorker(ctx, {
    bursting: false,
    handler: async () => {
      tried.attempts++;
      throw new BotError(code, 'the handler failed');
    },
    isPermanent: permanent,
  });
  return tried;
}

const deadLetters = async (ctx: Ctx) => (await ctx.kv.queueStats(`${STREAM}:dead`, GROUP)).length;

t('a failure no retry can mend goes to the dead letters on the first attempt', async (ctx) => {
  const tried = await failOnce(ctx, 'webhook_payload_invalid');
  await waitFor(async () => (await deadLetters(ctx)) === 1, 5000, 'the entry in the dead letters');
  assert.is(tried.attempts, 1);
  assert.is((await ctx.kv.queueStats(STREAM, GROUP)).pending, 0);
});

t('any other failure stays pending for a retry', async (ctx) => {
  const tried = await failOnce(ctx, 'slack_request_failed');
  await waitFor(() => tried.attempts === 1, 5000, 'one attempt');
  await ctx.worker!.stop();
  assert.is((await ctx.kv.queueStats(STREAM, GROUP)).pending, 1);
  assert.is(await deadLetters(ctx), 0);
});

t.run();
