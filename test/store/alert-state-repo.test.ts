import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { AlertSnapshot } from '../../src/domain/types.ts';
import { codeAlertSnapshot, secretAlertSnapshot } from '../../src/github/alerts.ts';
import { AlertStateRepo } from '../../src/store/alert-state-repo.ts';
import { codeScanningAlertEvent, secretScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { STORES, type TestKv } from '../helpers/kv.ts';

const URL = 'https://github.com/acme/payments/security';

/** A dismissed code alert with every optional field set. */
function fullCode(number: number): AlertSnapshot {
  return {
    kind: 'code',
    repoId: 101,
    repo: 'acme/payments',
    number,
    status: 'dismissed',
    state: 'dismissed',
    assignees: ['mona', 'hubot'],
    ruleId: 'js/sql-injection',
    title: 'Database query built from user-controlled sources',
    severity: 'critical',
    tags: ['security', 'external/cwe/cwe-089'],
    path: 'src/db/query.js',
    line: 42,
    htmlUrl: `${URL}/code-scanning/${number}`,
    updatedAt: '2025-03-11T16:42:05Z',
    createdAt: '2025-03-04T09:15:27Z',
    closedBy: 'mona',
    closedReason: 'false positive',
    closedComment: 'Input is validated upstream.',
    inProgress: true,
  };
}

/** An open secret alert with no optional field, no assignee and no tags. */
function bareSecret(number: number): AlertSnapshot {
  return {
    kind: 'secret',
    repoId: 101,
    repo: 'acme/payments',
    number,
    status: 'open',
    state: 'open',
    assignees: [],
    ruleId: 'github_personal_access_token',
    title: 'GitHub Personal Access Token',
    severity: 'unknown',
    tags: [],
    htmlUrl: `${URL}/secret-scanning/${number}`,
    updatedAt: '2025-05-01T08:00:00Z',
    createdAt: '2025-05-01T08:00:00Z',
  };
}

/** What the store gave back before: the snapshot without its undefined keys. */
const asJson = (s: AlertSnapshot) => JSON.parse(JSON.stringify(s)) as AlertSnapshot;

for (const [name, make] of STORES) {
  const t = suite<{ s: TestKv; alerts: AlertStateRepo }>(
    `alert state repo (${name})`,
    {} as { s: TestKv; alerts: AlertStateRepo },
  );
  t.before.each(async (ctx) => {
    ctx.s = await make();
    ctx.alerts = new AlertStateRepo(ctx.s.kv);
  });
  t.after.each(async (ctx) => {
    await ctx.s.cleanup();
  });

  t('an alert with every optional field reads back exactly as it was put', async ({ alerts }) => {
    await alerts.put(fullCode(7));
    assert.equal(await alerts.get({ kind: 'code', repoId: 101, number: 7 }), fullCode(7));
  });

  t('an alert without optional fields reads back without them', async ({ alerts }) => {
    await alerts.put(bareSecret(3));
    const got = await alerts.get({ kind: 'secret', repoId: 101, number: 3 });
    assert.equal(got, bareSecret(3));
    for (const key of ['path', 'line', 'closedBy', 'closedReason', 'inProgress']) {
      assert.not.ok(got && key in got, `${key} stays absent`);
    }
  });

  t('states other than the status word and falsy values are kept', async ({ alerts }) => {
    const resolved: AlertSnapshot = {
      ...bareSecret(4),
      status: 'fixed',
      state: 'resolved',
      closedReason: 'revoked',
      closedComment: '',
      path: '',
      line: 0,
      inProgress: false,
      createdAt: '2025-04-30T10:00:00Z',
    };
    await alerts.put(resolved);
    assert.equal(await alerts.get(resolved), resolved);
  });

  t('snapshots read from GitHub payloads come back as they were stored', async ({ alerts }) => {
    const code = ['created', 'closed_by_user', 'updated_assignment'] as const;
    const secret = ['created', 'resolved', 'assigned', 'publicly_leaked'] as const;
    const snapshots = [
      ...code.map((action, i) => {
        const e = codeScanningAlertEvent(action, { number: 10 + i, assignees: ['mona'] });
        return codeAlertSnapshot(e.alert, e.repository);
      }),
      ...secret.map((action, i) => {
        const e = secretScanningAlertEvent(action, { number: 10 + i, resolution: 'revoked' });
        return secretAlertSnapshot(e.alert, e.repository);
      }),
    ];
    for (const s of snapshots) await alerts.put(s);
    assert.equal(await alerts.getMany(snapshots), snapshots.map(asJson));
  });

  t('alerts of one rule keep their own title when GitHub rewords the rule', async (ctx) => {
    const { alerts } = ctx;
    const reworded = { ...fullCode(2), title: 'SQL query built from user input', tags: [] };
    const otherRule = { ...fullCode(3), ruleId: 'js/xss', severity: 'unknown' as const };
    await alerts.putMany([fullCode(1), reworded, otherRule]);
    await alerts.put(fullCode(4));
    const got = await alerts.getMany([fullCode(1), reworded, otherRule, fullCode(4)]);
    assert.equal(got, [fullCode(1), reworded, otherRule, fullCode(4)]);
  });

  t('a code and a secret alert with the same number stay apart', async ({ alerts }) => {
    await alerts.put(fullCode(5));
    await alerts.put(bareSecret(5));
    assert.equal(await alerts.get({ kind: 'code', repoId: 101, number: 5 }), fullCode(5));
    assert.equal(await alerts.get({ kind: 'secret', repoId: 101, number: 5 }), bareSecret(5));
  });

  t('an alert whose page is elsewhere keeps its own URL', async ({ alerts }) => {
    const moved = { ...fullCode(8), htmlUrl: 'https://ghe.example.com/acme/payments/alerts/8' };
    const none = { ...fullCode(9), htmlUrl: '' };
    await alerts.put(fullCode(1));
    await alerts.put(moved);
    await alerts.put(none);
    await alerts.put(fullCode(2));
    const got = await alerts.getMany([fullCode(1), moved, none, fullCode(2)]);
    assert.equal(got, [fullCode(1), moved, none, fullCode(2)]);
  });

  t('getMany answers in order across repositories, with null for unknown', async ({ alerts }) => {
    const other = { ...fullCode(1), repoId: 202, repo: 'acme/web' };
    other.htmlUrl = 'https://github.com/acme/web/security/code-scanning/1';
    await alerts.put(fullCode(1));
    await alerts.put(other);
    await alerts.put(bareSecret(1));
    const got = await alerts.getMany([
      { kind: 'code', repoId: 202, number: 1 },
      { kind: 'code', repoId: 101, number: 99 },
      { kind: 'secret', repoId: 101, number: 1 },
      { kind: 'code', repoId: 101, number: 1 },
      { kind: 'code', repoId: 303, number: 1 },
    ]);
    assert.equal(got, [other, null, bareSecret(1), fullCode(1), null]);
    assert.equal(await alerts.getMany([]), []);
  });

  t('a later put replaces the alert', async ({ alerts }) => {
    await alerts.put(fullCode(4));
    const reopened = { ...bareSecret(4), kind: 'code' as const, htmlUrl: fullCode(4).htmlUrl };
    await alerts.put(reopened);
    assert.equal(await alerts.get(reopened), reopened);
  });

  t('after a rename every alert of the repository reads the new name', async ({ alerts }) => {
    await alerts.put(fullCode(1));
    const renamedUrl = 'https://github.com/acme/billing/security/code-scanning';
    const renamed = {
      ...fullCode(2),
      repo: 'acme/billing',
      htmlUrl: `${renamedUrl}/2`,
      updatedAt: '2025-06-01T00:00:00Z',
    };
    await alerts.put(renamed);
    assert.equal(await alerts.get(renamed), renamed);
    // The older alert follows the repository, name and page alike; the rest is its own.
    assert.equal(await alerts.get(fullCode(1)), {
      ...fullCode(1),
      repo: 'acme/billing',
      htmlUrl: `${renamedUrl}/1`,
    });
  });

  t(
    'a late delivery from before a rename does not rename the repository back',
    async ({ alerts }) => {
      const renamed = {
        ...fullCode(2),
        repo: 'acme/billing',
        htmlUrl: 'https://github.com/acme/billing/security/code-scanning/2',
        updatedAt: '2025-06-01T00:00:00Z',
      };
      await alerts.put(renamed);
      const late = fullCode(1);
      await alerts.put(late);
      assert.equal(await alerts.get(renamed), renamed);
      const one = await alerts.get(late);
      assert.is(one?.repo, 'acme/billing', 'the repository keeps its newest name');
      assert.is(one?.htmlUrl, late.htmlUrl, 'the late page is kept as GitHub sent it');
      assert.equal(one, { ...late, repo: 'acme/billing' });
    },
  );

  t('putMany keeps the newest name when its snapshots disagree', async ({ alerts }) => {
    const older = fullCode(1);
    const newer = {
      ...fullCode(2),
      repo: 'acme/billing',
      htmlUrl: 'https://github.com/acme/billing/security/code-scanning/2',
      updatedAt: '2025-06-01T00:00:00Z',
    };
    await alerts.putMany([newer, older]);
    const [one, two] = await alerts.getMany([older, newer]);
    assert.is(one?.repo, 'acme/billing');
    assert.is(one?.htmlUrl, older.htmlUrl, 'the older page is kept as GitHub sent it');
    assert.equal(two, newer);
  });

  t('remove forgets one alert and leaves its neighbours', async ({ alerts }) => {
    await alerts.put(fullCode(1));
    await alerts.put(fullCode(2));
    await alerts.remove(fullCode(1));
    await alerts.remove({ kind: 'code', repoId: 404, number: 1 });
    assert.is(await alerts.get(fullCode(1)), null);
    assert.equal(await alerts.get(fullCode(2)), fullCode(2));
    await alerts.remove(fullCode(2));
    assert.is(await alerts.get(fullCode(2)), null);
    await alerts.put(fullCode(1));
    assert.equal(await alerts.get(fullCode(1)), fullCode(1), 'a removed alert can come back');
  });

  t.run();
}
