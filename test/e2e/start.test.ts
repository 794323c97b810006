import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { startGitHubDouble } from '../doubles/github/index.ts';
import { startSlackDouble } from '../doubles/slack/index.ts';
import { testEnv, waitFor } from '../helpers/harness.ts';

const ENTRY = new URL('../../src/main.ts', import.meta.url).pathname;

function run(env: Record<string, string>): ChildProcess {
  // A clean environment and an empty directory: nothing leaks in from the machine running
  // the tests, not even a .env a developer keeps in their checkout.
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), ENTRY], {
    cwd: mkdtempSync(join(tmpdir(), 'burndown-start-')),
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // A bot that unexpectedly starts serving must fail the test, not hang the suite.
  const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
  child.once('exit', () => clearTimeout(guard));
  return child;
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

test('start without configuration exits non-zero naming every missing key', async () => {
  const child = run({});
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const [code] = (await once(child, 'exit')) as [number];
  assert.is.not(code, 0);
  for (const key of [
    'SLACK_BOT_TOKEN',
    'GITHUB_ORG',
    'GITHUB_TOKEN',
    'SLACK_SIGNING_SECRET',
    'GITHUB_WEBHOOK_SECRET',
  ]) {
    assert.match(stderr, key);
  }
});

test('a bad value is named by key and its value is never printed', async () => {
  const child = run({
    SLACK_BOT_TOKEN: 'not-a-token-s3cr3t-value',
    GITHUB_ORG: 'acme',
    GITHUB_TOKEN: 'ghp_doNotPrintMe',
    SLACK_SIGNING_SECRET: 'x',
    GITHUB_WEBHOOK_SECRET: 'y',
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const [code] = (await once(child, 'exit')) as [number];
  assert.is.not(code, 0);
  assert.match(stderr, 'SLACK_BOT_TOKEN');
  assert.not.match(stderr, 's3cr3t');
  assert.not.match(stderr, 'doNotPrintMe');
});

test('an unreachable Redis stops the start with a coded message instead of hanging', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble();
  const port = await freePort();
  const child = run({
    ...testEnv(github, slack),
    PORT: String(port),
    REDIS_URL: `redis://:hunter2@127.0.0.1:${await freePort()}`,
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  try {
    const [code] = (await once(child, 'exit')) as [number];
    assert.is.not(code, 0);
    assert.match(stderr, 'cannot connect to Redis');
    assert.match(stderr, '"code":"store_unavailable"');
    assert.not.match(stderr, 'hunter2');
  } finally {
    await github.close();
    await slack.close();
  }
});

test('with the doubles and no REDIS_URL it serves every route on the memory store', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble();
  const port = await freePort();
  const child = run({ ...testEnv(github, slack), PORT: String(port), LOG_LEVEL: 'info' });
  let stdout = '';
  child.stdout?.on('data', (d) => {
    stdout += String(d);
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(() => stdout.includes('burndown started'), 20_000, 'the bot to start');
    assert.match(stdout, '"store":"memory"');
    assert.match(stdout, 'REDIS_URL is not set');
    assert.is((await fetch(`${base}/healthz`)).status, 200);
    const ready = await fetch(`${base}/readyz`);
    assert.is(ready.status, 200);
    assert.is(((await ready.json()) as { store: string }).store, 'ok');
    assert.is((await fetch(`${base}/metrics`)).status, 200);
    const unsigned = await fetch(`${base}/github/webhooks`, { method: 'POST', body: '{}' });
    assert.is(unsigned.status, 401);
    const slackUnsigned = await fetch(`${base}/slack/events`, { method: 'POST', body: 'a=b' });
    assert.is(slackUnsigned.status, 401);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    await github.close();
    await slack.close();
  }
});

test.run();
