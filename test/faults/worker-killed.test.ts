// A replica dying with a delivery in hand: the entry stays pending, the leases the dead
// replica held run out, another replica claims the entry once it has been idle long enough,
// and the developer gets the DM exactly once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';

interface Ctx {
  first: Harness;
  second: Harness;
  /** Lets the frozen first replica fail, so it can be shut down at the end. */
  thaw: () => void;
}

const t = suite<Ctx>('fault: worker killed mid-delivery', {} as Ctx);

t.before.each(async (ctx) => {
  ctx.thaw = () => {};
  ctx.first = await startHarness({ store: 'redis', claimAfterMs: 200, consumer: 'replica-a' });
  const { kv, github, slack } = ctx.first;
  ctx.second = await startHarness({
    shared: { kv, github, slack },
    claimAfterMs: 200,
    consumer: 'replica-b',
  });
  // The second replica's worker starts once the first holds the delivery.
  await ctx.second.bot.worker.stop();
  await ctx.first.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
});

t.after.each(async (ctx) => {
  ctx.thaw();
  ctx.first.github.assertNoViolations();
  await ctx.second.close();
  await ctx.first.close();
});

async function pending(h: Harness) {
  return (await h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group)).pending;
}

/** A dead process's leases expire on their own; here they are made to expire now. */
async function expireLeases(h: Harness) {
  for (const key of await h.kv.scanKeys('lock:*')) {
    const holder = await h.kv.get(key);
    if (holder) await h.kv.expireIfEquals(key, holder, 1);
  }
}

t(
  'a replica dying mid-delivery leaves it to another replica, which sends the DM once',
  async (ctx) => {
    const { first, second } = ctx;
    // The first replica stops dead while working out who the assignee is in Slack: after it
    // read the entry and took its locks, before anything was sent or acknowledged.
    const identities = first.bot.ctx.repos.identities;
    const died = new Promise<void>((entered) => {
      identities.byGitHubLogin = async () => {
        entered();
        return new Promise((_, reject) => {
          ctx.thaw = () => reject(new Error('frozen replica released at teardown'));
        });
      };
    });
    const payload = codeScanningAlertEvent('updated_assignment', {
      org: ORG,
      repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
      number: 1,
      location: { path: 'src/db/query.js', start_line: 42 },
      assignees: ['dev-b'],
    });

    assert.is((await first.deliver('code_scanning_alert', payload)).status, 202);
    await died;
    assert.is(await pending(first), 1);
    assert.is(first.slack.messagesIn('U0BOB').length, 0);

    await expireLeases(first);
    await second.bot.worker.start();
    await waitFor(async () => (await pending(first)) === 0, 8000, 'the other replica to ack');
    const dms = first.slack.messagesIn('U0BOB');
    assert.is(dms.length, 1);
    assert.match(JSON.stringify(dms[0]), 'src/db/query.js:42');
  },
);

t.run();
