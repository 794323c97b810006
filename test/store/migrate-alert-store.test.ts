import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AlertSnapshot } from '../../src/domain/types.ts';
import { codeAlertSnapshot, secretAlertSnapshot } from '../../src/github/alerts.ts';
import { createLogger } from '../../src/log.ts';
import { AlertStateRepo } from '../../src/store/alert-state-repo.ts';
import { CampaignRepo } from '../../src/store/campaign-repo.ts';
import type { Kv } from '../../src/store/kv.ts';
import { migrateAlertStore } from '../../src/store/migrate-alert-store.ts';
import { startGitHubDouble } from '../doubles/github/index.ts';
import { startSlackDouble } from '../doubles/slack/index.ts';
import { codeScanningAlertEvent, secretScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { campaignRecord } from '../helpers/campaign-record.ts';
import { startHarness } from '../helpers/harness.ts';
import { STORES, type TestKv } from '../helpers/kv.ts';

const repo = (id: number, name: string) => ({ id, name, full_name: `acme/${name}` });

function code(number: number, r = repo(101, 'payments'), updatedAt?: string): AlertSnapshot {
  const e = codeScanningAlertEvent('closed_by_user', { number, repo: r, assignees: ['mona'] });
  const s = codeAlertSnapshot(e.alert, e.repository);
  return updatedAt ? { ...s, updatedAt } : s;
}

function secret(number: number): AlertSnapshot {
  const e = secretScanningAlertEvent('created', { number, repo: repo(101, 'payments') });
  return secretAlertSnapshot(e.alert, e.repository);
}

const renamedOld = code(1, repo(303, 'ledger'), '2025-01-01T00:00:00Z');
const renamedNew = code(2, repo(303, 'books'), '2025-02-01T00:00:00Z');
const SNAPSHOTS = [code(1), code(2), secret(1), code(7, repo(202, 'web')), renamedOld, renamedNew];

const record = campaignRecord;

const CAMPAIGNS = [
  record('c1', [
    { repoId: 101, repo: 'acme/payments', number: 1 },
    { repoId: 202, repo: 'acme/web', number: 7 },
  ]),
  record('c2', [{ repoId: 101, repo: 'acme/payments', number: 1 }]),
];

/** Keys under `alert:` that are not snapshots; the migration must leave them alone. */
const NOT_SNAPSHOTS = ['alert:code:101:notes', 'alert:code:9:9', 'alert:code:101:8'];

/** The store as the previous release left it. */
async function seedOldLayout(kv: Kv): Promise<void> {
  for (const s of SNAPSHOTS) {
    await kv.set(`alert:${s.kind}:${s.repoId}:${s.number}`, JSON.stringify(s));
  }
  for (const c of CAMPAIGNS) {
    await kv.set(`campaign:${c.id}`, JSON.stringify(c));
    await kv.sAdd('campaigns', c.id);
    for (const m of c.members) await kv.sAdd(`alert-campaigns:code:${m.repoId}:${m.number}`, c.id);
  }
  // An index entry the records no longer back (a member dropped by hand, say).
  await kv.sAdd('alert-campaigns:code:101:2', 'c2');
  await kv.set('alert:code:101:notes', 'not json');
  await kv.hSet('alert:code:9:9', { a: 'b' });
  await kv.set('alert:code:101:8', JSON.stringify(code(3)));
  await kv.set('lock:alert:code:101:1', 'holder', { ttlMs: 60_000 });
}

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

const asJson = (s: AlertSnapshot) => JSON.parse(JSON.stringify(s)) as AlertSnapshot;

async function forAlertIds(kv: Kv, repoId: number, number: number): Promise<string[]> {
  const found = await new CampaignRepo(kv).forAlert({ kind: 'code', repoId, number });
  return found.map((c) => c.id).sort();
}

for (const [name, make] of STORES) {
  const t = suite<{ s: TestKv }>(`alert store migration (${name})`, {} as { s: TestKv });
  t.before.each(async (ctx) => {
    ctx.s = await make();
    await seedOldLayout(ctx.s.kv);
  });
  t.after.each(async (ctx) => {
    await ctx.s.cleanup();
  });

  t('old snapshots read the same in the new layout, and old keys are gone', async ({ s }) => {
    const { lines, logger } = logSink();
    const result = await migrateAlertStore(s.kv, logger);
    assert.ok(result.ran);
    const alerts = new AlertStateRepo(s.kv);
    const moved = SNAPSHOTS.filter((x) => x !== renamedOld);
    assert.equal(await alerts.getMany(moved), moved.map(asJson));
    for (const key of ['alert:code:101:1', 'alert:secret:101:1', 'alert:code:303:2']) {
      assert.is(await s.kv.get(key), null, `${key} deleted`);
    }
    assert.equal((await s.kv.scanKeys('alert:*')).sort(), [...NOT_SNAPSHOTS].sort());
    assert.is(await s.kv.get('alert:code:101:notes'), 'not json');
    assert.is(await s.kv.get('lock:alert:code:101:1'), 'holder', 'locks are not snapshots');
    const line = lines.find((l) => l.msg === 'alert store migrated');
    assert.ok(line, 'one line says what was done');
    assert.is(line.snapshots, SNAPSHOTS.length);
    assert.is(line.skipped, NOT_SNAPSHOTS.length);
    assert.is(line.indexedAlerts, 3);
  });

  t(
    'a malformed old snapshot is skipped; the rest moves and the index is rebuilt',
    async ({ s }) => {
      const broken = asJson(code(4, repo(606, 'vault'))) as unknown as Record<string, unknown>;
      await s.kv.set('alert:code:606:4', JSON.stringify({ ...broken, repo: undefined }));
      await s.kv.set('alert:code:606:5', JSON.stringify({ ...broken, number: 5, repo: null }));
      await s.kv.set('alert:code:606:6', JSON.stringify({ ...broken, number: 6, tags: 'x' }));
      const result = await migrateAlertStore(s.kv, logSink().logger);
      assert.ok(result.ran);
      assert.is(result.skipped, NOT_SNAPSHOTS.length + 3);
      const moved = SNAPSHOTS.filter((x) => x !== renamedOld);
      assert.equal(await new AlertStateRepo(s.kv).getMany(moved), moved.map(asJson));
      assert.equal(await forAlertIds(s.kv, 101, 1), ['c1', 'c2']);
      assert.ok(await s.kv.get('alert:code:606:4'), 'left where it was, for a look');
      assert.not.ok((await migrateAlertStore(s.kv, logSink().logger)).ran, 'marked as done');
    },
  );

  t('a repository renamed under the old layout reads its newest name', async ({ s }) => {
    await migrateAlertStore(s.kv, logSink().logger);
    const got = await new AlertStateRepo(s.kv).get(renamedOld);
    assert.equal(got, { ...asJson(renamedOld), repo: renamedNew.repo });
  });

  t('the alert-to-campaign index is rebuilt from the campaign records', async ({ s }) => {
    await migrateAlertStore(s.kv, logSink().logger);
    assert.equal(await forAlertIds(s.kv, 101, 1), ['c1', 'c2']);
    assert.equal(await forAlertIds(s.kv, 202, 7), ['c1']);
    assert.equal(await forAlertIds(s.kv, 101, 2), [], 'an entry no record backs is dropped');
    assert.equal(await s.kv.scanKeys('alert-campaigns:*'), []);
    // Saves after the migration keep the rebuilt index in step.
    await new CampaignRepo(s.kv).save({ ...CAMPAIGNS[0]!, members: [] });
    assert.equal(await forAlertIds(s.kv, 101, 1), ['c2']);
    assert.equal(await forAlertIds(s.kv, 202, 7), []);
  });

  t('a second run changes nothing', async ({ s }) => {
    await migrateAlertStore(s.kv, logSink().logger);
    const alerts = new AlertStateRepo(s.kv);
    const updated = { ...code(2), assignees: [], updatedAt: '2026-01-01T00:00:00Z' };
    await alerts.put(updated);
    // A key in the old spelling written now would be moved by a run that was not a no-op.
    await s.kv.set('alert:code:101:5', JSON.stringify(code(5)));
    const { lines, logger } = logSink();
    const again = await migrateAlertStore(s.kv, logger);
    assert.not.ok(again.ran);
    assert.equal(lines, []);
    assert.equal(await alerts.get(updated), asJson(updated));
    assert.ok(await s.kv.get('alert:code:101:5'));
    assert.is(await alerts.get(code(5)), null);
  });

  t('replicas starting together migrate once; the others wait for it', async ({ s }) => {
    const runs = await Promise.all(
      [1, 2, 3].map(async () => {
        const result = await migrateAlertStore(s.kv, logSink().logger, { pollMs: 5 });
        // Whoever returns, the store is already in the new layout.
        return { ran: result.ran, read: await new AlertStateRepo(s.kv).get(code(1)) };
      }),
    );
    assert.is(runs.filter((r) => r.ran).length, 1);
    for (const r of runs) assert.equal(r.read, asJson(code(1)));
  });

  t.run();
}

const boot = suite('alert store migration at start-up');

boot('a bot started on an old store reads its alerts and campaigns in the new layout', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble({ workspace: {} });
  const [, make] = STORES[0]!;
  const store = await make();
  await seedOldLayout(store.kv);
  const h = await startHarness({ shared: { kv: store.kv, github, slack }, captureLogs: true });
  try {
    assert.equal(await h.bot.ctx.repos.alerts.get(code(1)), asJson(code(1)));
    const found = await h.bot.ctx.repos.campaigns.forAlert(code(7, repo(202, 'web')));
    assert.equal(
      found.map((c) => c.id),
      ['c1'],
    );
    const line = h.logs.find((l) => l.msg === 'alert store migrated');
    assert.is(line?.snapshots, SNAPSHOTS.length);
  } finally {
    await h.close();
    await store.cleanup();
    await github.close();
    await slack.close();
  }
});

boot.run();
