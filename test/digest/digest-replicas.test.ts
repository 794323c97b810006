import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runJob } from '../../src/jobs/scheduler.ts';
import { MemoryKv } from '../../src/store/memory-kv.ts';
import { startGitHubDouble } from '../doubles/github/index.ts';
import { startSlackDouble } from '../doubles/slack/index.ts';
import { startHarness } from '../helpers/harness.ts';
import {
  CAMPAIGN_CHANNEL,
  DIGEST_WORKSPACE,
  saveBigCampaign,
  seedBigCampaign,
} from './digest-fixture.ts';

test('two replicas firing the schedule in the same minute post one digest', async () => {
  const github = await startGitHubDouble();
  const slack = await startSlackDouble({ workspace: DIGEST_WORKSPACE });
  const kv = new MemoryKv();
  const now = () => new Date('2026-12-01T09:00:00Z');
  const a = await startHarness({ shared: { kv, github, slack }, now, consumer: 'replica-a' });
  const b = await startHarness({ shared: { kv, github, slack }, now, consumer: 'replica-b' });
  try {
    seedBigCampaign(github);
    await saveBigCampaign(a.bot.ctx, github);
    const job = (h: typeof a) => h.bot.jobs.find((j) => j.name === 'digest')!;

    const outcomes = await Promise.all([runJob(a.bot.ctx, job(a)), runJob(b.bot.ctx, job(b))]);
    // A replica that comes late (after the lock is released) edits, it does not repost.
    await runJob(b.bot.ctx, job(b));

    assert.ok(outcomes.includes('ran'));
    const parents = slack.messagesIn(CAMPAIGN_CHANNEL).filter((m) => !m.thread_ts);
    assert.is(parents.length, 1);
    const charts = slack.messagesIn(CAMPAIGN_CHANNEL).filter((m) => m.files?.length);
    assert.is(charts.length, 1);
    github.assertNoViolations();
    assert.equal(
      slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await a.close();
    await b.close();
    await kv.close();
    await github.close();
    await slack.close();
  }
});

test.run();
