// The record of which Slack messages talk about an alert: it must not outlive the messages
// it points to (their records go after 60 days), on Redis and in memory alike.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MESSAGE_REF_TTL_MS, MessageRefs } from '../../src/store/message-refs.ts';
import { STORES, type TestKv } from '../helpers/kv.ts';

const DAY_MS = 24 * 3600_000;
const alert = (number: number) => ({ kind: 'code' as const, repoId: 9001, number });
const keyOf = (number: number) => `messages:code:9001:${number}`;

for (const [name, make] of STORES) {
  const t = suite<{ s: TestKv; refs: MessageRefs }>(
    `message refs (${name})`,
    {} as { s: TestKv; refs: MessageRefs },
  );
  t.before.each(async (ctx) => {
    ctx.s = await make();
    ctx.refs = new MessageRefs(ctx.s.kv);
  });
  t.after.each(async (ctx) => {
    await ctx.s.cleanup();
  });

  t('each alert’s message list expires with its newest message, 60 days on', async (ctx) => {
    const { s, refs } = ctx;
    await refs.remember([alert(1), alert(2)], { channel: 'D0BOB', ts: '1.000100', kind: 'notify' });
    for (const n of [1, 2]) {
      const ttl = await s.kv.pttl(keyOf(n));
      assert.ok(ttl > 59 * DAY_MS && ttl <= 60 * DAY_MS, `alert ${n}: ttl ${ttl} ms`);
    }
    assert.is(MESSAGE_REF_TTL_MS, 60 * DAY_MS);

    // A newer message about the alert renews the list's lifetime.
    await s.kv.pExpire(keyOf(1), 1000);
    await refs.remember([alert(1)], { channel: 'C0CAMP', ts: '2.000200', kind: 'notify' });
    assert.ok((await s.kv.pttl(keyOf(1))) > 59 * DAY_MS, 'renewed');
    assert.equal((await refs.forAlert(alert(1))).map((r) => r.ts).sort(), ['1.000100', '2.000200']);
  });

  t('a batched message is stored once per alert without the batch’s other alerts', async (ctx) => {
    const { s, refs } = ctx;
    const batch = Array.from({ length: 20 }, (_, i) => alert(i + 1));
    await refs.remember(batch, { channel: 'D0BOB', ts: '1.000100', kind: 'notify' });
    const stored = Object.values(await s.kv.hGetAll(keyOf(7)));
    assert.equal(
      stored.map((v) => JSON.parse(v)),
      [{ channel: 'D0BOB', ts: '1.000100', kind: 'notify' }],
    );
  });

  t('refs written by earlier versions (with the alert list) still read', async (ctx) => {
    const { s, refs } = ctx;
    const old = { channel: 'D0BOB', ts: '1.000100', kind: 'notify', alerts: ['code:9001:1'] };
    await s.kv.hSet(keyOf(1), { 'D0BOB:1.000100': JSON.stringify(old) });
    const [ref] = await refs.forAlert(alert(1));
    assert.equal(ref, { channel: 'D0BOB', ts: '1.000100', kind: 'notify' });
    await refs.forget(alert(1), ref!);
    assert.equal(await refs.forAlert(alert(1)), []);
  });

  t.run();
}
