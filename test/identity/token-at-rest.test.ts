import { createClient } from 'redis';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { tokenStore } from '../../src/identity/authorize.ts';
import { seedOrg, startGitHubDouble } from '../doubles/github/index.ts';
import { startSlackDouble } from '../doubles/slack/index.ts';
import { ORG, startHarness, waitFor } from '../helpers/harness.ts';
import { redisTestKv, TEST_REDIS_URL } from '../helpers/kv.ts';
import { fastPolling, lastCode } from './sign-in-kit.ts';

type Raw = ReturnType<typeof createClient>;

/** Every value stored under the prefix, read with plain Redis commands, as one string. */
async function dumpPrefix(raw: Raw, prefix: string): Promise<{ keys: string[]; text: string }> {
  const keys: string[] = [];
  for await (const batch of raw.scanIterator({ MATCH: `${prefix}*`, COUNT: 200 })) {
    keys.push(...(Array.isArray(batch) ? batch : [batch]));
  }
  const parts: string[] = [];
  for (const key of keys) {
    const type = await raw.type(key);
    if (type === 'string') parts.push(String(await raw.get(key)));
    else if (type === 'hash') parts.push(JSON.stringify(await raw.hGetAll(key)));
    else if (type === 'set') parts.push(JSON.stringify(await raw.sMembers(key)));
    else if (type === 'zset') parts.push(JSON.stringify(await raw.zRange(key, 0, -1)));
    else if (type === 'list') parts.push(JSON.stringify(await raw.lRange(key, 0, -1)));
    else if (type === 'stream') parts.push(JSON.stringify(await raw.xRange(key, '-', '+')));
    // 'none': the key went away between the scan and the read (a finished sign-in).
    else if (type !== 'none') throw new Error(`unexpected Redis type ${type} at ${key}`);
  }
  return { keys, text: parts.join('\n') };
}

test('no Redis key under the prefix holds a token or device code in readable form', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble({ workspace: {} });
  const store = await redisTestKv();
  const h = await startHarness({ shared: { kv: store.kv, github, slack }, store: 'redis' });
  const raw: Raw = createClient({ url: TEST_REDIS_URL });
  await raw.connect();
  try {
    seedOrg(github, { org: ORG, users: ['dev-bob'], repos: ['web'] });
    fastPolling(h);
    await h.command('link', { user: 'U0BOB' });
    const code = lastCode(h);
    const pending = await dumpPrefix(raw, store.prefix);
    assert.ok(
      pending.keys.some((k) => k.endsWith('signin:U0BOB')),
      'pending sign-in stored',
    );
    assert.not.match(pending.text, code.deviceCode);

    github.deviceFlow.approve(code.userCode, 'dev-bob');
    await waitFor(async () => (await tokenStore(h.bot.ctx).get('U0BOB')) !== null, 2000, 'tokens');
    const tokens = await tokenStore(h.bot.ctx).get('U0BOB');
    const access = tokens?.accessToken ?? '';
    const refresh = tokens?.refreshToken ?? '';
    assert.match(access, /^ghu_/);
    assert.match(refresh, /^ghr_/);

    const linked = await dumpPrefix(raw, store.prefix);
    // The scan does read values: the link (not a secret) is there in clear.
    assert.match(linked.text, 'dev-bob');
    assert.ok(
      linked.keys.some((k) => k.endsWith('tokens:U0BOB')),
      'token key scanned',
    );
    assert.not.match(linked.text, access);
    assert.not.match(linked.text, refresh);
    assert.not.match(linked.text, access.slice(4, 20));
    assert.not.match(linked.text, Buffer.from(access).toString('base64').slice(0, 16));
    github.assertNoViolations();
  } finally {
    await raw.quit();
    await h.close();
    await store.cleanup();
    await github.close();
    await slack.close();
  }
});

test.run();
