// Runs last (zz-): by then every suite has talked to a Slack double, and every secret value any
// GitHub double was seeded with is known. No text Burndown sent to Slack may contain one, and
// no record in Redis either.
import { createClient } from 'redis';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pollGitHub } from '../../src/sync/poll.ts';
import { seededSecrets, simpleUser, startGitHubDouble } from '../doubles/github/index.ts';
import { allSlackCalls, allTextSentInSuite, startSlackDouble } from '../doubles/slack/index.ts';
import { secretScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { ORG } from '../helpers/harness.ts';
import { redisTestKv, TEST_REDIS_URL } from '../helpers/kv.ts';
import { secretAlert, startWorld, touch, user } from '../sync/sync-world.ts';

const t = suite('no secret value leaks');

/** Every string value stored under a prefix, whatever the Redis type. */
async function dumpRedis(prefix: string): Promise<{ keys: string[]; values: string[] }> {
  const client = createClient({ url: TEST_REDIS_URL });
  await client.connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      keys.push(...(batch as unknown as string[]));
    }
    const values: string[] = [];
    for (const key of keys) {
      const type = await client.type(key);
      if (type === 'string') values.push(String(await client.get(key)));
      else if (type === 'hash') values.push(JSON.stringify(await client.hGetAll(key)));
      else if (type === 'set') values.push(JSON.stringify(await client.sMembers(key)));
      else if (type === 'zset') values.push(JSON.stringify(await client.zRange(key, 0, -1)));
      else if (type === 'list') values.push(JSON.stringify(await client.lRange(key, 0, -1)));
      else if (type === 'stream') values.push(JSON.stringify(await client.xRange(key, '-', '+')));
    }
    return { keys, values };
  } finally {
    await client.close();
  }
}

t('secret alerts flow through Redis and Slack without their values', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble();
  const store = await redisTestKv();
  const w = await startWorld({ shared: { kv: store.kv, github, slack } });
  try {
    await pollGitHub(w.h.bot.ctx, []);
    const alert = secretAlert(w, 1);
    alert.assigned_to = simpleUser(user(w, 'dev-b'));
    touch(alert, '2026-03-01T12:00:00Z');
    await pollGitHub(w.h.bot.ctx, []);
    alert.state = 'resolved';
    alert.resolution = 'false_positive';
    alert.resolved_by = simpleUser(user(w, 'dev-c'));
    touch(alert, '2026-03-01T13:00:00Z');
    await pollGitHub(w.h.bot.ctx, []);
    const r = w.repos[0]!.repo;
    const repo = { id: r.id, name: r.name, full_name: r.full_name };
    await w.h.deliver(
      'secret_scanning_alert',
      secretScanningAlertEvent('assigned', {
        org: ORG,
        repo,
        number: 3,
        assignee: 'dev-b',
      }),
    );
    await w.h.drain();
    const bob = w.h.slack.messagesIn('U0BOB');
    assert.ok(bob.length >= 3, 'the secret alerts reached bob: assigned, resolved, assigned');
    assert.ok(JSON.stringify(bob).includes('secret-scanning/1'));

    const { keys, values } = await dumpRedis(store.prefix);
    assert.ok(keys.length > 10, 'the store holds records to scan');
    const secrets = [...seededSecrets];
    const stored = values.join('\n');
    for (const s of secrets) assert.not.ok(stored.includes(s), 'a secret value sits in Redis');
  } finally {
    await w.h.close();
    await store.cleanup();
    await github.close();
    await slack.close();
  }
});

t('no text sent to Slack in the whole suite contains a seeded secret value', () => {
  const secrets = [...seededSecrets];
  assert.ok(secrets.length >= 2, 'secret alerts with values were seeded');
  const posts = allSlackCalls.filter((c) => c.method.startsWith('chat.'));
  assert.ok(posts.length >= 4, `only ${posts.length} messages were recorded`);
  const sent = allTextSentInSuite();
  assert.ok(sent.length >= 50, 'the scan read a meaningful amount of text');
  const aboutSecrets = sent.filter((s) => s.text.includes('secret-scanning/'));
  assert.ok(aboutSecrets.length > 0, 'messages about secret alerts were sent and scanned');
  const leaks = sent.filter((s) => secrets.some((secret) => s.text.includes(secret)));
  assert.equal(
    leaks.map((l) => `${l.method} ${l.path}`),
    [],
  );
});

t.run();
