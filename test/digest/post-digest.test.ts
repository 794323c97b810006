import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { runJob } from '../../src/jobs/scheduler.ts';
import { checkMessage, type MessageView } from '../doubles/slack/index.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';
import {
  type BigCampaign,
  CAMPAIGN_CHANNEL,
  DIGEST_WORKSPACE,
  saveBigCampaign,
  seedBigCampaign,
  storeSnapshots,
} from './digest-fixture.ts';

interface Ctx {
  h: Harness;
  big: BigCampaign;
  clock: { now: Date };
}

const t = suite<Ctx>('post digest', {} as Ctx);

t.before.each(async (ctx) => {
  ctx.clock = { now: new Date('2026-12-01T09:00:00Z') };
  ctx.h = await startHarness({ workspace: DIGEST_WORKSPACE, now: () => ctx.clock.now });
  seedBigCampaign(ctx.h.github);
  ctx.big = await saveBigCampaign(ctx.h.bot.ctx, ctx.h.github);
  await ctx.h.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt: '2026-11-01T00:00:00Z',
  });
});

t.after.each(async ({ h }) => {
  try {
    h.github.assertNoViolations();
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

const digestJob = (h: Harness) => h.bot.jobs.find((j) => j.name === 'digest')!;
const parents = (h: Harness) => h.slack.messagesIn(CAMPAIGN_CHANNEL).filter((m) => !m.thread_ts);
const thread = (h: Harness, ts: string) =>
  h.slack.messagesIn(CAMPAIGN_CHANNEL).filter((m) => m.thread_ts === ts);

function texts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(texts);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const own = typeof o.text === 'string' ? [o.text] : [];
    return [...own, ...Object.values(o).flatMap(texts)];
  }
  return [];
}
const allText = (m: MessageView) => [m.text, ...texts(m.blocks)].join('\n');

/** Links listed under a list heading, across every section that continues it. */
function listedLinks(messages: MessageView[], title: string): string[] {
  const sections = messages
    .flatMap((m) => texts(m.blocks))
    .filter((s) => s.startsWith(`*${title}*`));
  return sections.flatMap((s) => [...s.matchAll(/<(http[^|>]+)\|/g)].map((x) => x[1]!));
}

async function githubTotals(h: Harness) {
  const res = await fetch(`${h.github.url}/orgs/acme/campaigns/1`, {
    headers: { authorization: 'token tok-octo-lead', 'x-github-api-version': '2022-11-28' },
  });
  const body = (await res.json()) as {
    alert_stats: { open_count: number; closed_count: number; in_progress_count: number };
  };
  return body.alert_stats;
}

t(
  'a 250-alert digest fits Slack limits, lists every unassigned alert and matches GitHub',
  async ({ h, big }) => {
    assert.is(await runJob(h.bot.ctx, digestJob(h)), 'ran');

    const [parent, ...others] = parents(h);
    assert.ok(parent);
    assert.is(others.length, 0);
    const replies = thread(h, parent.ts);
    for (const m of [parent, ...replies.filter((r) => !r.files)]) {
      assert.ok(m.text.length > 0, 'every message has a text fallback');
      assert.ok((m.blocks?.length ?? 0) <= 50);
      assert.equal(
        checkMessage({ text: m.text, blocks: m.blocks }).filter((p) => p.severity === 'error'),
        [],
      );
    }
    const parentText = allText(parent);
    const promised = Number(/\*(\d+)\* unassigned/.exec(parentText)?.[1]);
    assert.is(promised, big.unassignedUrls.length);
    const listed = listedLinks(replies, 'Unassigned alerts');
    assert.is(listed.length, promised);
    assert.equal(new Set(listed), new Set(big.unassignedUrls));
    assert.ok(replies.filter((m) => !m.files).length > 1, 'the lists need several replies');
    // The oldest ten are also offered with buttons; the rest stay in the complete list.
    const grabs = replies.find((m) => m.text.includes('up for grabs'));
    assert.match(allText(grabs!), `the 10 oldest of ${promised} unassigned alerts`);
    const offered = [...allText(grabs!).matchAll(/<(http[^|>]+)\|/g)].map((x) => x[1]!);
    assert.is(new Set(offered).size, 10);
    assert.ok(offered.every((u) => big.unassignedUrls.includes(u)));
    const buttons = JSON.stringify(grabs!.blocks).match(/"alert:assign_me:g\d+"/g) ?? [];
    assert.is(buttons.length, 10);

    const stats = await githubTotals(h);
    assert.match(parentText, `Open *${stats.open_count}*`);
    assert.match(parentText, `In progress *${stats.in_progress_count}*`);
    assert.match(
      parentText,
      `${stats.closed_count} of ${stats.open_count + stats.closed_count} closed`,
    );
    assert.match(parentText, 'Fixed *10*');
    assert.match(parentText, 'Dismissed *5*');
  },
);

t('GitHub text is escaped and assignees are mentioned only when linked', async ({ h }) => {
  await runJob(h.bot.ctx, digestJob(h));
  const everything = h.slack.messagesIn(CAMPAIGN_CHANNEL).map(allText).join('\n');
  assert.not.match(everything, '<!channel>');
  assert.match(everything, '&lt;!channel&gt; &amp; user input');
  assert.match(everything, 'SQL injection &lt;b&gt;burn&lt;/b&gt;');
  assert.match(everything, '<@U0BOB>');
  assert.match(everything, '· dev-c');
});

t('a second run the same day edits the digest instead of posting another', async ({ h }) => {
  await runJob(h.bot.ctx, digestJob(h));
  const before = h.slack.messagesIn(CAMPAIGN_CHANNEL).length;
  const repo = Object.values(h.github.state.repos)[0]!;
  repo.codeAlerts[0]!.state = 'fixed';
  // Sync would store the change from the webhook.
  await storeSnapshots(h.bot.ctx, h.github);

  assert.is(await runJob(h.bot.ctx, digestJob(h)), 'ran');

  const [parent, ...others] = parents(h);
  assert.is(others.length, 0);
  assert.is(parent!.edits.length, 1);
  assert.is(h.slack.messagesIn(CAMPAIGN_CHANNEL).length, before + 1, 'only a new chart');
  assert.match(allText(parent!), 'Fixed *11*');
});

t('the next day posts a new digest with the changes since the last one', async ({ h, clock }) => {
  await runJob(h.bot.ctx, digestJob(h));
  const repo = Object.values(h.github.state.repos)[1]!;
  const alert = repo.codeAlerts.find((a) => a.state === 'open')!;
  alert.state = 'fixed';
  await storeSnapshots(h.bot.ctx, h.github);
  clock.now = new Date('2026-12-02T09:00:00Z');

  await runJob(h.bot.ctx, digestJob(h));

  const all = parents(h);
  assert.is(all.length, 2);
  const text = allText(all[1]!);
  assert.match(text, 'Fixed *11* (+1)');
  assert.match(text, 'Changes since the digest of 2026-12-01');
  assert.equal(listedLinks(thread(h, all[1]!.ts), 'Newly fixed since 2026-12-01'), [
    alert.html_url,
  ]);
});

t('the burndown chart is uploaded as a PNG in the digest thread', async ({ h }) => {
  await runJob(h.bot.ctx, digestJob(h));
  const parent = parents(h)[0]!;
  const withFile = thread(h, parent.ts).filter((m) => m.files?.length);
  assert.is(withFile.length, 1);
  const file = h.slack.state.files.get(withFile[0]!.files![0]!)!;
  assert.ok(file.name.endsWith('.png'));
  assert.equal([...file.bytes!.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  assert.match(file.alt_text ?? '', 'Burndown chart');
});

t('a campaign without a channel is skipped with the reason logged', async ({ h }) => {
  const c = (await h.bot.ctx.repos.campaigns.get('cmp-sqli'))!;
  await h.bot.ctx.repos.campaigns.save({ ...c, channelId: undefined });
  await runJob(h.bot.ctx, digestJob(h));
  assert.is(h.slack.callsTo('chat.postMessage').length, 0);
});

t('alerts out of step with GitHub are read again before the digest is built', async ({ h }) => {
  const repo = Object.values(h.github.state.repos)[3]!;
  for (const a of repo.codeAlerts) a.state = 'fixed';
  const fixedNow = Object.values(h.github.state.repos)
    .flatMap((r) => r.codeAlerts)
    .filter((a) => a.state === 'fixed').length;
  await runJob(h.bot.ctx, digestJob(h));
  assert.match(allText(parents(h)[0]!), `Fixed *${fixedNow}*`);
  const reads = h.github.requests.filter((r) => r.operationId === 'code-scanning/get-alert');
  assert.ok(reads.length > 0, 'the stale alerts were read from GitHub');
});

t('an alert never seen before is read from GitHub and stored', async ({ h, big }) => {
  const m = big.campaign.members[5]!;
  await h.bot.ctx.repos.alerts.remove({ kind: 'code', ...m });
  await runJob(h.bot.ctx, digestJob(h));
  const stored = await h.bot.ctx.repos.alerts.get({ kind: 'code', ...m });
  assert.is(stored?.number, m.number);
  assert.is(stored?.repo, m.repo);
});

t.run();
