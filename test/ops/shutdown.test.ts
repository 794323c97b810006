import { randomUUID } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { IdentityRepo } from '../../src/identity/identity-repo.ts';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import { seedOrg, startGitHubDouble } from '../doubles/github/index.ts';
import { startSlackDouble } from '../doubles/slack/index.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import {
  BOT_GITHUB_TOKEN,
  INSTALLATION_ID,
  ORG,
  testEnv,
  WEBHOOK_SECRET,
  waitFor,
} from '../helpers/harness.ts';
import { redisTestKv, TEST_REDIS_URL } from '../helpers/kv.ts';
import { postDelivery, signGitHubDelivery } from '../helpers/sign-github.ts';
import { proxyUrl, startBotProcess, startSlowProxy } from './bot-process.ts';

test('SIGTERM during a burst loses no delivery: the next instance claims the rest', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble({ workspace: {} });
  const slow = await startSlowProxy(slack.url, 40);
  const store = await redisTestKv();
  github.state.installations[INSTALLATION_ID] = { id: INSTALLATION_ID, org: ORG };
  github.state.tokens[BOT_GITHUB_TOKEN] = {
    login: 'burndown[bot]',
    kind: 'installation',
    installationId: INSTALLATION_ID,
  };
  seedOrg(github, { org: ORG, users: ['dev-b'], repos: ['payments'] });
  await new IdentityRepo(store.kv).link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
  const env = testEnv(github, slack, {
    SLACK_API_URL: proxyUrl(slow),
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: store.prefix,
    PORT: '0',
    QUEUE_CLAIM_AFTER_MS: '300',
  });
  const first = await startBotProcess(env);
  let second: Awaited<ReturnType<typeof startBotProcess>> | undefined;
  try {
    const total = 30;
    const ids = Array.from({ length: total }, () => randomUUID());
    const statuses = await Promise.all(
      ids.map(async (deliveryId, i) => {
        const payload = codeScanningAlertEvent('updated_assignment', {
          org: ORG,
          repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
          number: 500 + i,
          assignees: ['dev-b'],
        });
        const delivery = await signGitHubDelivery({
          event: 'code_scanning_alert',
          payload,
          secret: WEBHOOK_SECRET,
          deliveryId,
        });
        return (await postDelivery(first.url, delivery)).status;
      }),
    );
    assert.equal([...new Set(statuses)], [202]);

    await waitFor(() => first.linesWith('delivery handled').length > 0, 10_000, 'a first delivery');
    first.child.kill('SIGTERM');
    assert.is(await first.exited, 0, 'the first instance stops cleanly');
    const byFirst = first.linesWith('delivery handled').map((l) => l.deliveryId);
    assert.ok(byFirst.length < total, 'SIGTERM came in the middle of the burst');
    assert.ok(first.linesWith('burndown stopped').length === 1);

    second = await startBotProcess(env);
    const handled = () => [
      ...byFirst,
      ...second!.linesWith('delivery handled').map((l) => l.deliveryId),
    ];
    await waitFor(() => handled().length >= total, 15_000, 'the rest to be claimed');
    const { stream, group } = GITHUB_DELIVERIES;
    await waitFor(async () => (await store.kv.queueStats(stream, group)).pending === 0, 3000);
    second.child.kill('SIGTERM');
    assert.is(await second.exited, 0);

    // Every delivery was handled, and none twice.
    assert.equal([...handled()].sort(), [...ids].sort());
    const stats = await store.kv.queueStats(stream, group);
    assert.equal({ pending: stats.pending, lag: stats.lagMs }, { pending: 0, lag: 0 });
    assert.equal(await store.kv.queueStats(`${stream}:dead`, group), {
      length: 0,
      pending: 0,
      lagMs: 0,
    });
    // Each alert's assignment reached Bob exactly once.
    const dms = slack.messagesIn('U0BOB').map((m) => JSON.stringify(m.blocks));
    for (let i = 0; i < total; i++) {
      const about = dms.filter((b) => b.includes(`"alert:code:9001:${500 + i}"`));
      assert.is(about.length, 1, `alert ${500 + i} announced once`);
    }
    github.assertNoViolations();
  } finally {
    first.child.kill('SIGKILL');
    second?.child.kill('SIGKILL');
    await store.cleanup();
    slow.close();
    await github.close();
    await slack.close();
  }
});

test.run();
