import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Job } from '../../src/jobs/scheduler.ts';
import { runJob } from '../../src/jobs/scheduler.ts';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import {
  alertWrites,
  click,
  codeAlert,
  current,
  modalFor,
  PEOPLE,
  postAlert,
  seedActions,
  submit,
} from '../actions/action-kit.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';

type Pair = { a: Harness; b: Harness };
const t = suite<Pair>('two replicas on one Redis', {} as Pair);

t.before.each(async (ctx) => {
  // Replica a owns the Redis prefix and the doubles; replica b shares all three.
  ctx.a = await startHarness({ store: 'redis', consumer: 'replica-a', claimAfterMs: 1000 });
  ctx.b = await startHarness({
    shared: { kv: ctx.a.kv, github: ctx.a.github, slack: ctx.a.slack },
    consumer: 'replica-b',
    claimAfterMs: 1000,
  });
  await seedActions(ctx.a);
});

t.after.each(async ({ a, b }) => {
  a.github.assertNoViolations();
  assert.equal(
    a.slack.violations.filter((v) => v.rejected),
    [],
  );
  await b.close();
  await a.close();
});

const handledBy = async (h: Harness) => {
  const metric = await h.bot.ctx.metrics.handled.get();
  return metric.values.reduce((sum, v) => sum + (v.labels.outcome === 'ok' ? v.value : 0), 0);
};

t('a modal opened on one replica is submitted on the other', async ({ a, b }) => {
  const posted = await postAlert(a, PEOPLE.bob.slack, codeAlert(a, 2));
  const { triggerId } = await click(a, PEOPLE.bob.slack, posted, 'alert:dismiss');
  const view = await modalFor(a, triggerId);
  const res = await submit(b, PEOPLE.bob.slack, view, {
    reason: { reason: staticSelectState('false_positive') },
    comment: { comment: plainTextState('Input is a constant') },
  });
  assert.is(res.status, 200);
  await waitFor(() => alertWrites(a).length === 1, 5000, 'the dismissal on GitHub');
  assert.equal(alertWrites(a)[0]?.body, {
    state: 'dismissed',
    dismissed_reason: 'false positive',
    dismissed_comment: 'Input is a constant',
  });
  assert.is(alertWrites(a)[0]?.login, 'dev-b', "replica b used Bob's token stored by replica a");
  await waitFor(() => current(a, posted).edits.length > 0, 3000, 'the message update');
  assert.match(JSON.stringify(current(a, posted).blocks), 'Dismissed as *false positive*');
});

t('a scheduled job fired on both replicas at once runs on one', async ({ a, b }) => {
  let runs = 0;
  const job: Job = {
    name: 'replica-probe',
    cron: '* * * * *',
    run: async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
    },
  };
  const outcomes = await Promise.all([runJob(a.bot.ctx, job), runJob(b.bot.ctx, job)]);
  assert.equal([...outcomes].sort(), ['ran', 'skipped_locked']);
  assert.is(runs, 1);
  const metric = async (h: Harness) =>
    (await h.bot.ctx.metrics.jobRuns.get()).values.map((v) => v.labels.outcome).sort();
  assert.equal([...(await metric(a)), ...(await metric(b))].sort(), ['ran', 'skipped_locked']);
});

t('the consumer group spreads deliveries and a dead replica’s are claimed', async ({ a, b }) => {
  const { stream, group } = GITHUB_DELIVERIES;
  const deliver = async (h: Harness, number: number) => {
    const payload = codeScanningAlertEvent('updated_assignment', {
      org: ORG,
      repo: { id: 9001, name: 'payments', full_name: `${ORG}/payments` },
      number,
      assignees: ['dev-b'],
    });
    assert.is((await h.deliver('code_scanning_alert', payload)).status, 202);
  };
  // A third replica takes four deliveries and dies before acknowledging them.
  await Promise.all([a.bot.worker.stop(), b.bot.worker.stop()]);
  for (let n = 1; n <= 4; n++) await deliver(a, 100 + n);
  const taken = await a.kv.readGroup(stream, group, 'replica-dead', { count: 4, blockMs: 0 });
  assert.is(taken.length, 4);
  await Promise.all([a.bot.worker.start(), b.bot.worker.start()]);

  // New deliveries reach whichever replica the load balancer picks; either worker takes them.
  for (let n = 1; n <= 12; n++) await deliver(n % 2 ? a : b, 200 + n);
  const total = 16;
  await waitFor(async () => (await handledBy(a)) + (await handledBy(b)) >= total, 8000, 'all');
  await a.drain();
  const [byA, byB] = [await handledBy(a), await handledBy(b)];
  assert.ok(byA > 0 && byB > 0, `a handled ${byA}, b handled ${byB}`);
  assert.is(byA + byB, total, 'each delivery handled once');
  const stats = await a.kv.queueStats(stream, group);
  assert.equal({ pending: stats.pending, lag: stats.lagMs }, { pending: 0, lag: 0 });
});

t.run();
