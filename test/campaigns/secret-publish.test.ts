import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Kv } from '../../src/store/kv.ts';
import { waitFor } from '../helpers/harness.ts';
import { baseOrg, campaignHarness, openNew, submit } from './campaign-kit.ts';

/** Every value in the store, whatever its type, as one string to search. */
async function dumpStore(kv: Kv): Promise<string> {
  const parts: unknown[] = [];
  for (const key of await kv.scanKeys('*')) {
    const reads = [
      () => kv.get(key),
      () => kv.hGetAll(key),
      () => kv.sMembers(key),
      () => kv.lRange(key, 0, -1),
      () => kv.zRangeByScore(key, -Infinity, Infinity),
    ];
    for (const read of reads) parts.push(await read().catch(() => null));
  }
  assert.ok(parts.length > 10, 'the dump read the store');
  return JSON.stringify(parts);
}

test('a secret scanning campaign publishes its active secrets and never stores a value', async () => {
  const h = await campaignHarness(
    baseOrg({
      secretAlerts: [
        {
          repo: 'payments',
          number: 1,
          secretType: 'github_personal_access_token',
          validity: 'active',
          secret: 'ghp_leakedValue111',
        },
        {
          repo: 'web',
          number: 1,
          secretType: 'slack_api_token',
          validity: 'active',
          secret: 'xoxb-leaked-222',
        },
        {
          repo: 'web',
          number: 2,
          secretType: 'aws_access_key_id',
          validity: 'inactive',
          secret: 'AKIALEAKED333',
        },
      ],
    }),
  );
  try {
    const view = await openNew(h);
    await submit(h, view, {
      kind: 'secret',
      template: 'secret-active',
      name: 'Revoke active secrets',
    });
    const c = await waitFor(
      async () => {
        const [found] = await h.bot.ctx.repos.campaigns.list();
        return found?.state === 'open' ? found : undefined;
      },
      15_000,
      'the published secret campaign',
    );
    const create = h.github.requests.find((r) => r.operationId === 'campaigns/create-campaign');
    const body = create?.body as {
      secret_scanning_alerts?: unknown;
      code_scanning_alerts?: unknown;
    };
    assert.ok(body.secret_scanning_alerts, 'sent as secret scanning alerts');
    assert.is(body.code_scanning_alerts, undefined);
    assert.is(c.kind, 'secret');
    assert.equal(
      c.members.map((m) => `${m.repo}#${m.number}`).sort(),
      ['acme/payments#1', 'acme/web#1'],
      'only the active secrets',
    );
    const stored = await dumpStore(h.kv);
    const sent = JSON.stringify(h.slack.calls.map((call) => call.args));
    for (const value of ['ghp_leakedValue111', 'xoxb-leaked-222', 'AKIALEAKED333']) {
      assert.not.ok(sent.includes(value), `no secret value in Slack: ${value}`);
      assert.not.ok(stored.includes(value), `no secret value stored: ${value}`);
    }
    h.github.assertNoViolations();
  } finally {
    await h.close();
  }
});

test.run();
