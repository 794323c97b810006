import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runDoctor } from '../../src/doctor/run-doctor.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { DEFAULT_SCOPES } from '../doubles/slack/index.ts';
import { type Harness, INSTALLATION_ID, ORG, startHarness, testEnv } from '../helpers/harness.ts';
import { TEST_REDIS_URL } from '../helpers/kv.ts';

const DOCTOR = new URL('../../src/doctor/main.ts', import.meta.url).pathname;

const t = suite<{ h: Harness; env: Record<string, string> }>('npm run doctor', {} as never);

t.before.each(async (ctx) => {
  ctx.h = await startHarness();
  seedOrg(ctx.h.github, { org: ORG, users: ['octo-lead'], repos: ['payments'] });
  ctx.env = testEnv(ctx.h.github, ctx.h.slack, {
    REDIS_URL: TEST_REDIS_URL,
    GITHUB_WEBHOOK_SECRET: 'a-long-enough-webhook-secret-0123',
  });
});

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  await h.close();
});

t('a healthy install passes every check', async ({ env }) => {
  const report = await runDoctor(env);
  assert.ok(report.ok, report.text);
  assert.not.match(report.text, 'FAIL');
  assert.match(report.text, 'Slack scopes: all');
  assert.match(report.text, 'PING answered by redis://127.0.0.1:6379');
  assert.match(report.text, 'GitHub access: Organization › Campaigns: can read');
});

t(
  'Slack and GitHub that do not answer are named by address, not blamed on the token',
  async ({ env }) => {
    const closed = 'http://127.0.0.1:9';
    const report = await runDoctor({
      ...env,
      SLACK_API_URL: `${closed}/api/`,
      GITHUB_API_URL: closed,
    });
    assert.not.ok(report.ok);
    assert.match(report.text, `Slack API: no answer from ${closed}/api/`);
    assert.match(report.text, `GitHub API: no answer from ${closed}`);
    assert.not.match(report.text, 'refused it');
  },
);

t('a token missing a Slack scope is named with the way to fix it', async ({ h, env }) => {
  h.slack.setScopes(DEFAULT_SCOPES.filter((s) => s !== 'users:read.email'));
  const report = await runDoctor(env);
  assert.not.ok(report.ok);
  const scopes = report.results.find((r) => r.name === 'Slack scopes');
  assert.is(scopes?.status, 'fail');
  assert.is(scopes?.detail, 'the bot token lacks users:read.email');
  assert.match(scopes?.fix ?? '', 'OAuth & Permissions');
  assert.match(scopes?.fix ?? '', 'reinstall');
});

t('the doctor command exits non-zero and prints the missing scope', async ({ h, env }) => {
  h.slack.setScopes(DEFAULT_SCOPES.filter((s) => s !== 'files:write'));
  // Run from an empty directory: a developer's own .env must not leak into the check.
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), DOCTOR], {
    cwd: await mkdtemp(join(tmpdir(), 'burndown-doctor-')),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.is(code, 1, out);
  assert.match(out, '[FAIL] Slack scopes: the bot token lacks files:write');
  assert.match(out, /1 problem\(s\) to fix/);
  // The report never repeats a credential.
  assert.not.match(out, env.SLACK_BOT_TOKEN!);
  assert.not.match(out, env.GITHUB_WEBHOOK_SECRET!);
});

t('the doctor reads ./.env as npm start does; the environment still wins', async ({ env }) => {
  const dir = await mkdtemp(join(tmpdir(), 'burndown-doctor-'));
  const lines = Object.entries(env).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  await writeFile(join(dir, '.env'), `${lines.join('\n')}\nPORT=eighty\n`);
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), DOCTOR], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '3999' },
  });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.is(code, 0, out);
  assert.match(out, 'configuration: every key is valid');
});

t('sign-in left unset is a warning that says what stops working', async ({ env }) => {
  const { TOKEN_ENCRYPTION_KEY: _, ...rest } = env;
  const report = await runDoctor(rest);
  const line = report.results.find((r) => r.name === 'sign-in');
  assert.is(line?.status, 'warn');
  assert.match(line?.detail ?? '', 'TOKEN_ENCRYPTION_KEY not set');
  assert.match(line?.detail ?? '', 'alert buttons');
  const healthy = await runDoctor(env);
  assert.is(healthy.results.find((r) => r.name === 'sign-in')?.status, 'ok');
});

t('configuration problems name each key and where to set it', async ({ env }) => {
  const { SLACK_BOT_TOKEN: _, ...rest } = env;
  const report = await runDoctor({ ...rest, PORT: 'eighty' });
  assert.not.ok(report.ok);
  const lines = report.results.map((r) => `${r.detail} | ${r.fix}`);
  assert.ok(lines.some((l) => l.startsWith('SLACK_BOT_TOKEN: missing | set SLACK_BOT_TOKEN')));
  assert.ok(lines.some((l) => l.startsWith('PORT:') && l.includes('ConfigMap burndown-config')));
});

t('a GitHub token that cannot read secret scanning alerts is reported', async ({ h, env }) => {
  h.github.failNext({ method: 'GET', path: /secret-scanning/ }, { status: 403 });
  const report = await runDoctor(env);
  assert.not.ok(report.ok);
  const line = report.results.find((r) => r.name.includes('Secret scanning alerts'));
  assert.is(line?.status, 'fail');
  assert.match(line?.detail ?? '', 'HTTP 403');
});

t('a GitHub App installed with the wrong installation id gets the right one', async (ctx) => {
  seedOrg(ctx.h.github, { org: ORG, installationId: INSTALLATION_ID });
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const { GITHUB_TOKEN: _, ...rest } = ctx.env;
  const app = { ...rest, GITHUB_APP_ID: '77', GITHUB_APP_PRIVATE_KEY: pem };
  const good = await runDoctor({ ...app, GITHUB_APP_INSTALLATION_ID: String(INSTALLATION_ID) });
  assert.ok(good.ok, good.text);
  assert.match(good.text, 'GitHub App permissions: every permission');
  const wrong = await runDoctor({ ...app, GITHUB_APP_INSTALLATION_ID: '99' });
  assert.not.ok(wrong.ok);
  assert.match(wrong.text, `fix: set GITHUB_APP_INSTALLATION_ID=${INSTALLATION_ID}`);
  assert.not.match(wrong.text, 'PRIVATE KEY');
});

t('an unreachable Redis and a short webhook secret fail without showing secrets', async (ctx) => {
  const report = await runDoctor(
    {
      ...ctx.env,
      REDIS_URL: 'redis://:hunter2-password@127.0.0.1:1',
      GITHUB_WEBHOOK_SECRET: 'short',
    },
    { redisTimeoutMs: 300 },
  );
  assert.not.ok(report.ok);
  assert.match(report.text, '[FAIL] Redis: cannot reach redis://:***@127.0.0.1:1');
  assert.match(report.text, '[FAIL] GitHub webhook secret: is 5 characters');
  assert.not.match(report.text, 'hunter2');
});

t.run();
