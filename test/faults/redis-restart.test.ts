// Redis going away in the middle of a burst of deliveries: the intake says 503 while it is
// down (GitHub records the failure; nothing is half-stored), the bot reconnects by itself,
// and every delivery that was answered 202 is still handled afterwards. The test runs its
// own redis-server on a spare port, with the append-only file Burndown's Redis must have,
// and kills it with SIGKILL: a crash, not a polite shutdown.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { flushNotifications } from '../../src/notify/flush-notifications.ts';
import { RedisKv } from '../../src/store/redis-kv.ts';
import { pollGitHub } from '../../src/sync/poll.ts';
import {
  findRepo,
  type GitHubDouble,
  makeCodeAlert,
  seedOrg,
  startGitHubDouble,
} from '../doubles/github/index.ts';
import { type SlackDouble, startSlackDouble } from '../doubles/slack/index.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';

interface Ctx {
  port: number;
  dir: string;
  redis: ChildProcess;
  kv: RedisKv;
  github: GitHubDouble;
  slack: SlackDouble;
  h: Harness;
  repoId: number;
}

const BURST = 60;

function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
    ],
    { stdio: 'ignore' },
  );
  const probe = await RedisKv.connect({ url: `redis://127.0.0.1:${port}`, prefix: 'probe:' })
    .catch(async () => {
      await new Promise((r) => setTimeout(r, 100));
      return RedisKv.connect({ url: `redis://127.0.0.1:${port}`, prefix: 'probe:' });
    })
    .catch(async () => {
      await new Promise((r) => setTimeout(r, 400));
      return RedisKv.connect({ url: `redis://127.0.0.1:${port}`, prefix: 'probe:' });
    });
  await probe.close();
  return child;
}

function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const t = suite<Ctx>('fault: Redis restarted during a burst', {} as Ctx);

t.before.each(async (ctx) => {
  ctx.port = await sparePort();
  ctx.dir = mkdtempSync(join(tmpdir(), 'burndown-redis-'));
  ctx.redis = await startRedis(ctx.port, ctx.dir);
  ctx.kv = await RedisKv.connect({
    url: `redis://127.0.0.1:${ctx.port}`,
    prefix: `burndown-test:${randomUUID()}:`,
  });
  ctx.github = await startGitHubDouble();
  ctx.slack = await startSlackDouble();
  ctx.h = await startHarness({
    shared: { kv: ctx.kv, github: ctx.github, slack: ctx.slack },
    captureLogs: true,
    claimAfterMs: 300,
  });
  const seeded = seedOrg(ctx.github, { org: ORG, users: ['dev-b'], repos: ['payments'] });
  ctx.repoId = seeded.repos[0]!.repo.id;
  await ctx.h.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
});

t.after.each(async (ctx) => {
  await ctx.h.close();
  await ctx.kv.close();
  await kill(ctx.redis);
  await ctx.github.close();
  await ctx.slack.close();
  rmSync(ctx.dir, { recursive: true, force: true });
});

function assignment(repoId: number, number: number) {
  return codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: repoId, name: 'payments', full_name: `${ORG}/payments` },
    number,
    location: { path: `src/burst/file${number}.js`, start_line: 1 },
    assignees: ['dev-b'],
  });
}

/** What GitHub itself knows after the burst: every alert assigned to dev-b. */
function assignOnGitHub(ctx: Ctx, numbers: number[]) {
  const record = findRepo(ctx.github.state, ORG, 'payments')!;
  const createdAt = new Date(Date.now() + 1000).toISOString();
  for (const number of numbers) {
    record.codeAlerts.push(
      makeCodeAlert({
        repo: record.repo,
        number,
        ruleId: 'js/sql-injection',
        path: `src/burst/file${number}.js`,
        line: 1,
        assignees: ['dev-b'],
        createdAt,
      }),
    );
  }
}

t(
  'a Redis crash loses no accepted delivery, and the next poll repairs the refused',
  async (ctx) => {
    const { h } = ctx;
    // An earlier poll: from here on, an alert the poll has not seen is news.
    await pollGitHub(h.bot.ctx);
    const status = new Map<number, number>();
    let n = 0;
    const send = async () => {
      n++;
      const res = await h.deliver('code_scanning_alert', assignment(ctx.repoId, n));
      status.set(n, res.status);
      return res.status;
    };

    for (let i = 0; i < BURST / 3; i++) await send();
    await kill(ctx.redis);
    for (let i = 0; i < BURST / 3; i++) await send();
    ctx.redis = await startRedis(ctx.port, ctx.dir);
    // No one restarts the bot: the intake must come back by itself.
    await waitFor(async () => (await send()) === 202, 5000, 'the intake to accept again');
    while (n < BURST) await send();
    await h.drain(8000);
    // A notice whose send was cut off by the crash waits in the store for the flush job
    // (every 15 s in production; the harness runs no schedule, so run it once here).
    await flushNotifications(h.bot.ctx);

    const accepted = [...status].filter(([, s]) => s === 202).map(([k]) => k);
    const refused = [...status].filter(([, s]) => s === 503).map(([k]) => k);
    assert.equal([...new Set(status.values())].sort(), [202, 503], 'every answer was 202 or 503');
    assert.ok(refused.length >= BURST / 3, 'deliveries sent while Redis was down were refused');
    const logged = h.logs.filter(
      (l) => l.msg === 'webhook not queued' && l.code === 'store_unavailable',
    );
    assert.is(logged.length, refused.length, 'each refusal was logged');

    const dms = h.slack.messagesIn('U0BOB').map((m) => JSON.stringify(m));
    const notified = (k: number) => dms.filter((d) => d.includes(`src/burst/file${k}.js`)).length;
    assert.equal(
      accepted.filter((k) => notified(k) !== 1),
      [],
      `every accepted delivery gave exactly one DM: ${accepted.map((k) => `${k}:${notified(k)}`).join(' ')}`,
    );
    assert.equal(
      refused.filter((k) => notified(k) !== 0),
      [],
      'refused deliveries were not half-handled',
    );

    // GitHub never redelivers by itself; the poll brings what was refused, and only that.
    assignOnGitHub(ctx, [...status.keys()]);
    await pollGitHub(h.bot.ctx);
    await h.drain(8000);
    const after = h.slack.messagesIn('U0BOB').map((m) => JSON.stringify(m));
    const count = (k: number) => after.filter((d) => d.includes(`src/burst/file${k}.js`)).length;
    assert.equal(
      [...status.keys()].filter((k) => count(k) !== 1),
      [],
      'after the poll every alert was notified exactly once',
    );
    ctx.github.assertNoViolations();
  },
);

t.run();
