import { randomUUID } from 'node:crypto';
import { suite, test } from 'uvu';
import * as assert from 'uvu/assert';
import { RedisKv } from '../../src/store/redis-kv.ts';
import { STORES, TEST_REDIS_URL, type TestKv } from '../helpers/kv.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const [name, make] of STORES) {
  const t = suite<{ s: TestKv }>(`kv contract (${name})`, {} as { s: TestKv });
  t.before.each(async (ctx) => {
    ctx.s = await make();
  });
  t.after.each(async (ctx) => {
    await ctx.s.cleanup();
  });

  t('set with nx refuses a second writer and ttl expires the key', async ({ s }) => {
    assert.ok(await s.kv.set('a', '1', { nx: true, ttlMs: 80 }));
    assert.not.ok(await s.kv.set('a', '2', { nx: true }));
    assert.is(await s.kv.get('a'), '1');
    await sleep(120);
    assert.is(await s.kv.get('a'), null);
  });

  t('delIfEquals releases only the holder', async ({ s }) => {
    await s.kv.set('lock', 'me');
    assert.not.ok(await s.kv.delIfEquals('lock', 'you'));
    assert.ok(await s.kv.delIfEquals('lock', 'me'));
    assert.is(await s.kv.get('lock'), null);
  });

  t('expireIfEquals renews only the holder', async ({ s }) => {
    await s.kv.set('lock', 'me', { ttlMs: 50 });
    assert.not.ok(await s.kv.expireIfEquals('lock', 'you', 5000));
    assert.ok(await s.kv.expireIfEquals('lock', 'me', 5000));
    await sleep(80);
    assert.is(await s.kv.get('lock'), 'me');
  });

  t('hashes, sets, sorted sets and lists keep what was written', async ({ s }) => {
    await s.kv.hSet('h', { a: '1', b: '2' });
    assert.equal(await s.kv.hGetAll('h'), { a: '1', b: '2' });
    assert.is(await s.kv.hIncrBy('h', 'a', 4), 5);
    assert.is(await s.kv.hDel('h', 'b', 'zz'), 1);
    assert.is(await s.kv.hGet('h', 'b'), null);

    assert.is(await s.kv.sAdd('s', 'x', 'y', 'x'), 2);
    assert.equal((await s.kv.sMembers('s')).sort(), ['x', 'y']);
    assert.ok(await s.kv.sIsMember('s', 'y'));
    assert.is(await s.kv.sRem('s', 'y'), 1);

    await s.kv.zAdd('z', 30, 'c');
    await s.kv.zAdd('z', 10, 'a');
    await s.kv.zAdd('z', 20, 'b');
    assert.equal(await s.kv.zRangeByScore('z', 0, 25), ['a', 'b']);
    assert.equal(await s.kv.zRangeByScore('z', 0, 100, 1), ['a']);
    assert.is(await s.kv.zRem('z', 'a'), 1);
    assert.is(await s.kv.zCard('z'), 2);

    assert.is(await s.kv.rPush('l', 'one', 'two', 'three'), 3);
    assert.equal(await s.kv.lRange('l', 1, -1), ['two', 'three']);
    assert.is(await s.kv.lLen('l'), 3);
    assert.is(await s.kv.incrBy('n', 3), 3);
    assert.equal(await s.kv.mGet(['n', 'missing']), ['3', null]);
  });

  t('scanKeys lists keys under the prefix only', async ({ s }) => {
    await s.kv.set('campaign:1', 'x');
    await s.kv.hSet('campaign:2', { a: 'b' });
    await s.kv.set('other', 'y');
    assert.equal((await s.kv.scanKeys('campaign:*')).sort(), ['campaign:1', 'campaign:2']);
  });

  t('enqueueOnce queues a delivery id once', async ({ s }) => {
    await s.kv.ensureGroup('q', 'g');
    const first = await s.kv.enqueueOnce('q', 'seen:d1', 60_000, { body: 'a' });
    const again = await s.kv.enqueueOnce('q', 'seen:d1', 60_000, { body: 'a' });
    assert.type(first, 'string');
    assert.is(again, null);
    assert.is((await s.kv.queueStats('q', 'g')).length, 1);
  });

  t('an unacknowledged entry stays pending and is claimed by another consumer', async ({ s }) => {
    await s.kv.ensureGroup('q', 'g');
    await s.kv.enqueue('q', { n: '1' });
    const [got] = await s.kv.readGroup('q', 'g', 'c1', { count: 10, blockMs: 0 });
    assert.equal(got?.fields, { n: '1' });
    assert.equal(await s.kv.readGroup('q', 'g', 'c2', { count: 10, blockMs: 0 }), []);
    assert.is((await s.kv.queueStats('q', 'g')).pending, 1);

    await sleep(30);
    const claimed = await s.kv.claimStale('q', 'g', 'c2', 20, 10);
    assert.is(claimed.length, 1);
    assert.is(claimed[0]?.deliveries, 2);
    assert.is(await s.kv.ack('q', 'g', claimed[0]!.id), 1);
    assert.is((await s.kv.queueStats('q', 'g')).pending, 0);
  });

  t('a blocked read wakes when an entry arrives', async ({ s }) => {
    await s.kv.ensureGroup('q', 'g');
    const read = s.kv.readGroup('q', 'g', 'c1', { count: 1, blockMs: 2000 });
    await sleep(50);
    await s.kv.enqueue('q', { n: '2' });
    const started = Date.now();
    const got = await read;
    assert.is(got[0]?.fields.n, '2');
    assert.ok(Date.now() - started < 1500);
  });

  t('trimming drops handled entries and keeps waiting and pending ones', async ({ s }) => {
    await s.kv.ensureGroup('q', 'g');
    for (const n of ['1', '2', '3', '4']) await s.kv.enqueue('q', { n });
    const [a, b] = await s.kv.readGroup('q', 'g', 'c1', { count: 2, blockMs: 0 });
    await s.kv.ack('q', 'g', a!.id);
    await s.kv.trimHandled('q', 'g');
    // b is pending and 3, 4 were never handed out: all stay.
    assert.is((await s.kv.queueStats('q', 'g')).length, 3);
    await s.kv.ack('q', 'g', b!.id);
    const rest = await s.kv.readGroup('q', 'g', 'c1', { count: 10, blockMs: 0 });
    assert.equal(
      rest.map((e) => e.fields.n),
      ['3', '4'],
    );
    await s.kv.ack('q', 'g', ...rest.map((e) => e.id));
    await s.kv.trimHandled('q', 'g');
    assert.ok((await s.kv.queueStats('q', 'g')).length <= 1);
    assert.is((await s.kv.queueStats('q', 'g')).pending, 0);
  });

  t('pExpire gives any key a lifetime, and says when there is no key', async ({ s }) => {
    await s.kv.hSet('h', { a: '1' });
    assert.is(await s.kv.pttl('h'), -1, 'no lifetime until one is set');
    assert.ok(await s.kv.pExpire('h', 60_000));
    const left = await s.kv.pttl('h');
    assert.ok(left > 0 && left <= 60_000, `ttl ${left}`);
    assert.ok(await s.kv.pExpire('h', 40));
    await sleep(80);
    assert.equal(await s.kv.hGetAll('h'), {}, 'gone once it expired');
    assert.not.ok(await s.kv.pExpire('missing', 1000));
  });

  t('enqueue with maxLen keeps only the newest entries, exactly', async ({ s }) => {
    for (let n = 0; n < 12; n++) await s.kv.enqueue('dead', { n: String(n) }, { maxLen: 5 });
    assert.is((await s.kv.queueStats('dead', 'g')).length, 5);
    await s.kv.ensureGroup('dead', 'look');
    const kept = await s.kv.readGroup('dead', 'look', 'c1', { count: 100, blockMs: 0 });
    assert.equal(
      kept.map((e) => e.fields.n),
      ['7', '8', '9', '10', '11'],
    );
    // Without maxLen a stream is never trimmed on write.
    for (let n = 0; n < 12; n++) await s.kv.enqueue('q', { n: String(n) });
    assert.is((await s.kv.queueStats('q', 'g')).length, 12);
  });

  t('queue stats report lag of the oldest waiting entry', async ({ s }) => {
    await s.kv.ensureGroup('q', 'g');
    await s.kv.enqueue('q', { n: '1' });
    await sleep(40);
    const stats = await s.kv.queueStats('q', 'g');
    assert.is(stats.length, 1);
    assert.ok(stats.lagMs >= 30, `lag ${stats.lagMs}`);
  });

  t.run();
}

test('a Redis key prefix with glob characters is matched literally when scanning', async () => {
  const id = randomUUID();
  // `[ab]` would match `a` or `b`, `*` anything: keys under a look-alike prefix must not show.
  const odd = await RedisKv.connect({ url: TEST_REDIS_URL, prefix: `burndown-test:[ab]*?:${id}:` });
  const twin = await RedisKv.connect({ url: TEST_REDIS_URL, prefix: `burndown-test:a-x:${id}:` });
  try {
    await odd.set('alert:code:1:1', 'mine');
    await twin.set('alert:code:1:2', 'not mine');
    assert.equal(await odd.scanKeys('alert:*'), ['alert:code:1:1']);
  } finally {
    await odd.del('alert:code:1:1');
    await twin.del('alert:code:1:2');
    await odd.close();
    await twin.close();
  }
});

test.run();
