// The queue worker's manners: during a webhook burst it leaves most of the CPU to the intake
// (GitHub gives up on a slow answer and never retries) yet keeps draining the queue, and a
// delivery no retry can mend goes to the dead letters at once instead of five times over.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BotError } from '../../src/errors.ts';
import { createLogger, silentLogger } from '../../src/log.ts';
import { DEAD_LETTER_MAX_ENTRIES } from '../../src/queue/dead-letters.ts';
import {
  BACK_SEAT_RATIO,
  type EntryHandler,
  MAX_BACK_SEAT_MS,
  QueueWorker,
  type WorkerOptions,
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
  options: {
    bursting: boolean;
    handler?: EntryHandler;
    isPermanent?: (e: unknown) => boolean;
  } & Partial<Pick<WorkerOptions, 'logger' | 'maxAttempts' | 'claimAfterMs' | 'deadLetterMax'>>,
) {
  const { bursting, handler, ...rest } = options;
  ctx.worker = new QueueWorker({
    kv: ctx.kv,
    stream: STREAM,
    group: GROUP,
    consumer: 'c1',
    handler: handler ?? slowHandler(ctx),
    logger: silentLogger(),
    blockMs: 20,
    intakeBursting: () => bursting,
    pause: async (ms) => {
      ctx.pauses.push(ms);
    },
    ...rest,
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

t('however many deliveries fail for good, the dead letters keep only the newest', async (ctx) => {
  const cap = 5;
  await enqueue(ctx.kv, 3 * cap);
  const tried: string[] = [];
  await startWorker(ctx, {
    bursting: false,
    handler: async (entry) => {
      tried.push(entry.fields.n!);
      throw new BotError('webhook_payload_invalid', 'not JSON');
    },
    isPermanent: permanent,
    deadLetterMax: cap,
  });
  await waitFor(() => tried.length === 3 * cap, 5000, 'every entry tried');
  await waitFor(async () => (await ctx.kv.queueStats(STREAM, GROUP)).pending === 0, 5000);
  assert.is(await deadLetters(ctx), cap);
  await ctx.kv.ensureGroup(`${STREAM}:dead`, 'operator');
  const kept = await ctx.kv.readGroup(`${STREAM}:dead`, 'operator', 'me', {
    count: 100,
    blockMs: 0,
  });
  assert.equal(
    kept.map((e) => Number(e.fields.n)),
    [10, 11, 12, 13, 14],
  );
});

t('by default the dead letters are capped at DEAD_LETTER_MAX_ENTRIES', async (ctx) => {
  await enqueue(ctx.kv, DEAD_LETTER_MAX_ENTRIES + 10);
  let tried = 0;
  await startWorker(ctx, {
    bursting: false,
    handler: async () => {
      tried++;
      throw new BotError('webhook_payload_invalid', 'not JSON');
    },
    isPermanent: permanent,
  });
  await waitFor(() => tried === DEAD_LETTER_MAX_ENTRIES + 10, 20_000, 'every entry tried');
  await waitFor(async () => (await ctx.kv.queueStats(STREAM, GROUP)).pending === 0, 5000);
  assert.is(await deadLetters(ctx), DEAD_LETTER_MAX_ENTRIES);
});

/** A store whose next acknowledgement fails, as when Redis drops the connection. */
class AckFailsOnce extends MemoryKv {
  acksRefused = 0;
  override async ack(stream: string, group: string, ...ids: string[]): Promise<number> {
    if (this.acksRefused === 0) {
      this.acksRefused++;
      throw new BotError('store_unavailable', 'connection lost');
    }
    return super.ack(stream, group, ...ids);
  }
}

t(
  'a handled delivery whose acknowledgement fails is not failed: it is claimed again',
  async (ctx) => {
    await ctx.kv.close();
    const kv = new AckFailsOnce();
    ctx.kv = kv;
    await kv.ensureGroup(STREAM, GROUP);
    await enqueue(kv, 1);
    const logs: Record<string, unknown>[] = [];
    const sink = {
      write(line: string) {
        logs.push(JSON.parse(line) as Record<string, unknown>);
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    const attempts: number[] = [];
    await startWorker(ctx, {
      bursting: false,
      handler: async (entry) => {
        attempts.push(entry.deliveries);
      },
      // Even on its last allowed attempt, finished work is not a failure.
      maxAttempts: 1,
      claimAfterMs: 30,
      logger: createLogger({ level: 'debug', destination: sink }),
    });
    await waitFor(async () => (await kv.queueStats(STREAM, GROUP)).pending === 0, 5000, 'the ack');
    assert.is(kv.acksRefused, 1);
    assert.equal(attempts, [1, 2], 'handled, then handled again once claimed');
    assert.is(await deadLetters(ctx), 0, 'nothing in the dead letters');
    assert.equal(
      logs.filter((l) => l.code === 'queue_handler_failed'),
      [],
      'not reported as a handler failure',
    );
    const told = logs.filter((l) => l.level === 40 || l.level === 'warn');
    assert.is(told.length, 1);
    assert.is(told[0]?.code, 'store_unavailable');
    assert.match(String(told[0]?.msg), 'not acknowledged');
  },
);

t.run();
