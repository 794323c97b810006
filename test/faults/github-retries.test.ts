// GitHub failing in the three ways it really does (a 502 from its edge, a 429 with
// Retry-After, a secondary rate limit 403): the bot waits as told and the work completes.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { seedOrg } from '../doubles/github/index.ts';
import { type Harness, ORG, startHarness } from '../helpers/harness.ts';

const LIST = 'campaigns/list-org-campaigns';
// The harness runs GitHub pacing at 1 ms per "second", so Retry-After: 40 means 40 ms here.
const RETRY_AFTER = 40;

const t = suite<{ h: Harness }>('fault: GitHub 502, 429 and secondary limit', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ store: 'memory' });
  seedOrg(ctx.h.github, {
    org: ORG,
    users: [{ login: 'octo-lead', role: 'admin', securityManager: true }],
    repos: ['payments'],
    codeAlerts: [{ repo: 'payments', number: 1, ruleId: 'js/sql-injection' }],
    campaigns: [
      {
        number: 1,
        name: 'Critical SQL injection',
        endsAt: '2027-03-01T00:00:00Z',
        managers: ['octo-lead'],
        codeAlerts: [{ repo: 'payments', numbers: [1] }],
      },
    ],
  });
});

t.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  await ctx.h.close();
});

t(
  'a list that meets 502, then 429, then a secondary limit still answers with the campaigns',
  async ({ h }) => {
    const arrivals: number[] = [];
    // Watches every request without failing any, so the gaps between attempts can be read.
    h.github.failNext(
      (info) => {
        if (info.operationId === LIST) arrivals.push(Date.now());
        return false;
      },
      { status: 500, times: 1 },
    );
    h.github.failNext(LIST, { status: 502 });
    h.github.failNext(LIST, { status: 429, retryAfter: RETRY_AFTER });
    h.github.failNext(LIST, { kind: 'secondary-rate-limit', retryAfter: RETRY_AFTER });

    const { responses } = await h.command('list', { waitMs: 8000 });

    const reply = responses[0] as { text: string } | undefined;
    assert.ok(reply, 'the command answered');
    assert.match(reply.text, 'Critical SQL injection');
    const statuses = h.github.requests.filter((r) => r.operationId === LIST).map((r) => r.status);
    assert.equal(statuses, [502, 429, 403, 200]);
    // Retry-After is a floor set by GitHub: the attempt after each limit came no sooner.
    assert.ok(arrivals[2]! - arrivals[1]! >= RETRY_AFTER, 'waited after the 429');
    assert.ok(arrivals[3]! - arrivals[2]! >= RETRY_AFTER, 'waited after the secondary limit');
  },
);

// A long wait is not sat out inside the request: a person's command (or a queue handler)
// would hang for up to an hour. The request fails with GitHub's answer at once, the
// person is told, and the queue's retry or the next poll takes the work up later. The
// harness's time unit shrinks waits, so a request that waited would still finish here:
// what tells the two apart is whether GitHub saw a second attempt.
for (const [what, failure] of [
  ['a 429 asking for ten minutes', { status: 429, retryAfter: 600 }],
  ['a primary limit that resets in an hour', { kind: 'primary-rate-limit', resetInSeconds: 3600 }],
  [
    'a primary limit (as a 429) that resets in an hour',
    { kind: 'primary-rate-limit', status: 429, resetInSeconds: 3600 },
  ],
] as const) {
  t(`${what} fails the list at once instead of waiting it out`, async ({ h }) => {
    h.github.failNext(LIST, failure);

    const { responses } = await h.command('list', { waitMs: 8000 });

    const reply = responses[0] as { text: string } | undefined;
    assert.ok(reply, 'the command answered');
    assert.not.match(reply.text, 'Critical SQL injection');
    assert.match(reply.text, 'Could not list the campaigns');
    const statuses = h.github.requests.filter((r) => r.operationId === LIST).map((r) => r.status);
    assert.is(statuses.length, 1, `one attempt, not a wait and a retry: ${statuses.join(', ')}`);
  });
}

t.run();
