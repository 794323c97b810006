// Slack not answering at all, with the Slack client exactly as production builds it (only
// the transport is replaced). Slack calls run inside queue handlers: a call that retried
// for half an hour, or waited forever on a silent connection, would stall the worker.
import type { FetchFunction, WebClient } from '@slack/web-api';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createBurndown, SLACK_RETRIES } from '../../src/burndown.ts';
import { loadConfig } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { MemoryKv } from '../../src/store/memory-kv.ts';

// Far above the few seconds the production pauses between attempts add up to, far below
// the half hour of the library's default policy.
const GIVE_UP_WITHIN_MS = 30_000;

const config = loadConfig({
  SLACK_BOT_TOKEN: 'xoxb-offline',
  SLACK_SIGNING_SECRET: 'offline',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  GITHUB_ORG: 'acme',
  GITHUB_TOKEN: 'offline',
  GITHUB_API_URL: 'http://127.0.0.1:9',
  GITHUB_WEBHOOK_SECRET: 'offline',
});

interface Attempt {
  method: string;
  body: string;
  deadline: boolean;
}

/** A transport for which Slack never answers: the connection is refused, every time. */
function unreachable(attempts: Attempt[]): FetchFunction {
  return async (url, init) => {
    attempts.push({
      method: String(url).split('/').pop() ?? '',
      body: String(init?.body ?? ''),
      deadline: init?.signal instanceof AbortSignal && !init.signal.aborted,
    });
    throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
  };
}

async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = promise.then(
    () => new Error('the call succeeded against an unreachable Slack'),
    (err: unknown) => err,
  );
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('still retrying'), ms);
  });
  try {
    return await Promise.race([outcome, late]);
  } finally {
    clearTimeout(timer);
  }
}

const t = suite('fault: Slack unreachable');

t('every Slack client of the bot gives up after a few attempts, each with a deadline', async () => {
  const attempts: Attempt[] = [];
  const bot = createBurndown({
    config,
    kv: new MemoryKv(),
    logger: silentLogger(),
    schedule: false,
    slackClientOptions: { fetch: unreachable(attempts) },
  });
  // The bot's own client (queue handlers, jobs) and the one Bolt hands to listeners, each
  // posting to a channel of its own so their attempts can be told apart.
  const clients: [string, WebClient][] = [
    ['C0CTX', bot.ctx.slack],
    ['C0BOLT', bot.app.client],
  ];
  const outcomes = await Promise.all(
    clients.map(([channel, client]) =>
      settleWithin(client.chat.postMessage({ channel, text: 'hello' }), GIVE_UP_WITHIN_MS),
    ),
  );
  for (const [i, [channel]] of clients.entries()) {
    const err = outcomes[i];
    assert.is.not(err, 'still retrying', `${channel}: gave up within ${GIVE_UP_WITHIN_MS} ms`);
    assert.is((err as { code?: string }).code, 'slack_webapi_request_error', channel);
    const mine = attempts.filter((a) => a.body.includes(`channel=${channel}`));
    assert.is(mine.length, SLACK_RETRIES + 1, `${channel}: attempts`);
    assert.ok(
      mine.every((a) => a.method === 'chat.postMessage' && a.deadline),
      `${channel}: each attempt carried a deadline`,
    );
  }
});

t.run();
