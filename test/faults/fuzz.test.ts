// 10,000 fuzzed GitHub deliveries and slash command texts, mutated from real shapes or plain
// noise: the bot never crashes, never answers 500 without logging why, and leaves no promise
// rejected unhandled. Deliveries go through the signed HTTP intake and, for volume, straight
// to the dispatcher with the app's own handler table; texts go through the signed router and,
// for volume, through the parser.
import { createHmac } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BotError } from '../../src/errors.ts';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import { allSubcommands } from '../../src/slack/commands/all-subcommands.ts';
import { closest, splitArgs } from '../../src/slack/commands/parse-args.ts';
import { findSubcommand } from '../../src/slack/commands/router.ts';
import { webhookHandlers } from '../../src/webhooks/all-handlers.ts';
import { createDispatcher } from '../../src/webhooks/dispatch.ts';
import { type Harness, startHarness, WEBHOOK_SECRET } from '../helpers/harness.ts';
import { postDelivery } from '../helpers/sign-github.ts';
import { commandFuzzer, deliveryFuzzer, seededRng } from './fuzz-inputs.ts';

// 10,000 inputs in all: 6,800 webhook bodies and 3,200 command texts.
const HTTP_DELIVERIES = 800;
const DISPATCHED = 6000;
const ROUTED_COMMANDS = 200;
const PARSED_COMMANDS = 3000;
const SEED = 20_240_909;

interface Ctx {
  h: Harness;
  rejections: unknown[];
  onRejection: (reason: unknown) => void;
}

const t = suite<Ctx>('fault: fuzzed deliveries and commands', {} as Ctx);

t.before.each(async (ctx) => {
  ctx.rejections = [];
  ctx.onRejection = (reason) => ctx.rejections.push(reason);
  process.on('unhandledRejection', ctx.onRejection);
  ctx.h = await startHarness({ store: 'memory', captureLogs: true });
  await ctx.h.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
});

t.after.each(async (ctx) => {
  await ctx.h.close();
  // Let anything left rejecting surface before the listener goes.
  await new Promise((r) => setImmediate(r));
  process.off('unhandledRejection', ctx.onRejection);
  assert.equal(ctx.rejections.map(String), [], 'no unhandled rejection');
});

async function inParallel<T>(count: number, lanes: number, work: (i: number) => Promise<T>) {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

const errorLogs = (h: Harness) => h.logs.filter((l) => l.level === 'error');

t('fuzzed signed deliveries get 2xx or a 4xx that says why, never a silent 500', async ({ h }) => {
  const fuzz = deliveryFuzzer(SEED);
  const rng = seededRng(SEED + 1);
  const statuses = await inParallel(HTTP_DELIVERIES, 8, async (i) => {
    const d = fuzz();
    const secret = rng() < 0.05 ? 'not-the-secret' : WEBHOOK_SECRET;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-github-event': d.event,
      'x-github-delivery': rng() < 0.03 ? '' : `fuzz-http-${i}`,
      // Signed over the exact fuzzed bytes, which may not be JSON at all.
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(d.body).digest('hex')}`,
    };
    return (await postDelivery(h.url, { body: d.body, headers } as never)).status;
  });
  const counts: Record<number, number> = {};
  for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
  const unexpected = Object.keys(counts)
    .map(Number)
    .filter((s) => ![200, 202, 400, 401].includes(s));
  assert.ok(
    unexpected.every((s) => s !== 500) || errorLogs(h).length >= (counts[500] ?? 0),
    `every 500 has an error log (${JSON.stringify(counts)})`,
  );
  assert.equal(unexpected, [], `only 2xx, 400 and 401 (${JSON.stringify(counts)})`);
  assert.ok((counts[202] ?? 0) > HTTP_DELIVERIES / 2, 'most fuzzed deliveries were queued');
  await h.drain(15_000);
  const failed = h.logs.filter((l) => l.msg === 'queue entry failed; left pending for a retry');
  assert.equal(
    failed.map((l) => (l.err as { message?: string })?.message),
    [],
  );
});

t(
  'a signed body that is JSON but not an object is refused with 400 and not queued',
  async ({ h }) => {
    for (const body of ['null', '7', '"text"', '[]']) {
      const signature = createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
      const headers = {
        'content-type': 'application/json',
        'x-github-event': 'code_scanning_alert',
        'x-github-delivery': `not-object-${body.length}-${body.charCodeAt(0)}`,
        'x-hub-signature-256': `sha256=${signature}`,
      };
      const res = await postDelivery(h.url, { body, headers } as never);
      assert.is(res.status, 400, body);
    }
    const stats = await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
    assert.is(stats.length, 0);
  },
);

function signedRaw(body: string, deliveryId: string) {
  const signature = createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex');
  return {
    'content-type': 'application/json',
    'x-github-event': 'code_scanning_alert',
    'x-github-delivery': deliveryId,
    'x-hub-signature-256': `sha256=${signature}`,
  };
}

t('a signed body outlined like an object but not JSON waits in the dead letters', async ({ h }) => {
  const body = '{"action": "created", "alert": {"number": 3,}';
  const res = await postDelivery(h.url, { body, headers: signedRaw(body, 'broken-1') } as never);
  assert.is(res.status, 202);
  await h.drain(5000);
  const dead = await h.kv.queueStats(`${GITHUB_DELIVERIES.stream}:dead`, GITHUB_DELIVERIES.group);
  assert.is(dead.length, 1, 'kept for a look');
  const told = h.logs.filter(
    (l) => l.msg === 'queue entry cannot be handled; moved to dead letters',
  );
  assert.is(told.length, 1);
  assert.is(told[0]?.level, 'error');
  assert.is(told[0]?.code, 'queue_handler_failed');
  assert.is(told[0]?.deliveryId, 'broken-1');
  const retried = h.logs.filter((l) => l.msg === 'queue entry failed; left pending for a retry');
  assert.equal(retried, [], 'no retry can mend it, so none was tried');
});

t('JSON whitespace around a signed object is accepted', async ({ h }) => {
  const body = '\r\n  {"zen": "Design for failure."}\n\t ';
  const res = await postDelivery(h.url, { body, headers: signedRaw(body, 'spaced-1') } as never);
  assert.is(res.status, 202);
});

t(
  'fuzzed deliveries dispatched straight to the handlers never throw anything but a BotError',
  async ({ h }) => {
    const fuzz = deliveryFuzzer(SEED + 2);
    const dispatch = createDispatcher(h.bot.ctx, webhookHandlers);
    const surprises: string[] = [];
    await inParallel(DISPATCHED, 4, async (i) => {
      const d = fuzz();
      try {
        await dispatch({
          id: `0-${i}`,
          fields: { deliveryId: `fuzz-${i}`, event: d.event, body: d.body },
          deliveries: 1,
        });
      } catch (err) {
        if (!(err instanceof BotError)) surprises.push(`${(err as Error).stack}\n${d.body}`);
      }
    });
    assert.equal(surprises.slice(0, 3), [], `${surprises.length} deliveries crashed a handler`);
  },
);

t('fuzzed /campaign texts are acknowledged and parsed without a crash', async ({ h }) => {
  const texts = commandFuzzer(SEED + 3);
  const list = allSubcommands();
  for (let i = 0; i < PARSED_COMMANDS; i++) {
    const text = texts();
    const words = splitArgs(text);
    findSubcommand(list, words[0] ?? 'help');
    closest((words[0] ?? '').toLowerCase(), ['list', 'help', 'show']);
  }
  const before = errorLogs(h).length;
  const acks = await inParallel(ROUTED_COMMANDS, 8, async () => {
    const { status, responses } = await h.command(texts(), { user: 'U0BOB', waitMs: 2000 });
    return { status, answered: responses.length > 0 };
  });
  assert.equal(
    acks.filter((a) => a.status !== 200),
    [],
    'every command was acknowledged',
  );
  const silent = acks.filter((a) => !a.answered).length;
  assert.ok(silent === 0 || errorLogs(h).length > before, 'an unanswered command was logged');
});

t.run();
