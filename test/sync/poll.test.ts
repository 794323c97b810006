import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { pollGitHub } from '../../src/sync/poll.ts';
import { makeCodeAlert, simpleUser } from '../doubles/github/index.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { ORG } from '../helpers/harness.ts';
import { codeAlert, dms, rejected, startWorld, touch, user, type World } from './sync-world.ts';

const t = suite<{ w: World }>('the GitHub poll', {} as { w: World });
const LATER = '2026-03-01T12:00:00Z';

t.before.each(async (ctx) => {
  ctx.w = await startWorld();
});

t.after.each(async ({ w }) => {
  w.h.github.assertNoViolations();
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

const poll = (w: World) => pollGitHub(w.h.bot.ctx, []);

t('the first poll sets the baseline without announcing the backlog', async ({ w }) => {
  codeAlert(w, 'payments', 2).assignees = [simpleUser(user(w, 'dev-b'))];
  const result = await poll(w);
  assert.ok(result.alerts.every((a) => a.baseline));
  assert.is(w.h.slack.callsTo('chat.postMessage').length, 0);
  const stored = await w.h.bot.ctx.repos.alerts.get({
    kind: 'code',
    repoId: w.repos[0]!.repo.id,
    number: 2,
  });
  assert.equal(stored?.assignees, ['dev-b']);
});

t('a poll over an unchanged organization costs no rate limit: all 304', async ({ w }) => {
  await poll(w);
  w.h.github.reset();
  await poll(w);
  const requests = w.h.github.requests;
  assert.ok(requests.length >= 3, 'code list, secret list and the campaign were read');
  assert.ok(requests.every((r) => r.status === 304));
  assert.is(w.h.github.countedRequests().length, 0);
});

t('k changes cost ceil(k/100) pages plus the campaign', async ({ w }) => {
  const web = w.repos[1]!;
  for (let n = 10; n < 260; n++) {
    web.codeAlerts.push(makeCodeAlert({ repo: web.repo, number: n, ruleId: 'js/xss' }));
  }
  await poll(w);
  const k = 150;
  for (const a of web.codeAlerts.slice(0, k - 1)) {
    a.assignees = [simpleUser(user(w, 'dev-c'))];
    touch(a, LATER);
  }
  // One of the k changes closes a campaign alert, so the campaign's totals change too.
  const fixed = codeAlert(w, 'payments', 1);
  fixed.state = 'dismissed';
  fixed.dismissed_reason = 'false positive';
  fixed.dismissed_by = simpleUser(user(w, 'octo-lead'));
  fixed.dismissed_at = LATER;
  touch(fixed, LATER);
  w.h.github.reset();
  const result = await poll(w);
  assert.is(result.alerts[0]!.changed, k);
  assert.is(w.h.github.countedRequests().length, Math.ceil(k / 100) + 1);
  const stored = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.equal(stored?.stats, { open: 1, closed: 1, inProgress: 0 });
});

t('a change seen by the poll and by a webhook sends one DM', async ({ w }) => {
  await poll(w);
  const a = codeAlert(w, 'payments', 1);
  a.assignees = [simpleUser(user(w, 'dev-b'))];
  touch(a, LATER);
  await poll(w);
  assert.is(dms(w.h, 'U0BOB').length, 1, 'the poll found the assignment');
  const r = w.repos[0]!.repo;
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: r.id, name: r.name, full_name: r.full_name },
    number: 1,
    assignees: ['dev-b'],
  });
  await w.h.deliver('code_scanning_alert', payload);
  await w.h.drain();
  assert.is(dms(w.h, 'U0BOB').length, 1);

  // The other way round: the webhook first, then the poll.
  const second = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: r.id, name: r.name, full_name: r.full_name },
    number: 2,
    assignees: ['dev-c'],
  });
  await w.h.deliver('code_scanning_alert', second);
  await w.h.drain();
  const b = codeAlert(w, 'payments', 2);
  b.assignees = [simpleUser(user(w, 'dev-c'))];
  touch(b, LATER);
  await poll(w);
  assert.is(dms(w.h, 'U0CAROL').length, 1);
});

t('fixes found by the poll are posted once, together, in the campaign channel', async ({ w }) => {
  const withChannel: CampaignRecord = { ...w.campaign, channelId: 'C0GENERAL' };
  await w.h.bot.ctx.repos.campaigns.save(withChannel);
  await poll(w);
  for (const n of [1, 2]) {
    const a = codeAlert(w, 'payments', n);
    a.state = 'fixed';
    a.fixed_at = LATER;
    touch(a, LATER);
  }
  await poll(w);
  await poll(w);
  const posts = w.h.slack.messagesIn('C0GENERAL');
  assert.is(posts.length, 1);
  assert.match(posts[0]!.text, '2 alerts were fixed on GitHub');
});

t('a campaign deleted on GitHub is closed here and its channel told', async ({ w }) => {
  await w.h.bot.ctx.repos.campaigns.save({ ...w.campaign, channelId: 'C0GENERAL' });
  await poll(w);
  w.h.github.state.orgs[ORG]!.campaigns.length = 0;
  const result = await poll(w);
  assert.is(result.campaigns.removed, 1);
  const stored = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.is(stored?.state, 'closed');
  const posts = w.h.slack.messagesIn('C0GENERAL');
  assert.is(posts.length, 1);
  assert.match(posts[0]!.text, 'was deleted on GitHub');
  await poll(w);
  assert.is(w.h.slack.messagesIn('C0GENERAL').length, 1, 'told once');
});

t('campaign edits on GitHub are copied and the after-sync hooks run', async ({ w }) => {
  const seen: string[] = [];
  const hook = async (_ctx: unknown, c: CampaignRecord) => {
    seen.push(c.name);
  };
  await pollGitHub(w.h.bot.ctx, [hook]);
  const summary = w.h.github.state.orgs[ORG]!.campaigns[0]!.summary;
  summary.name = 'SQL injection, renamed';
  summary.ends_at = '2027-04-01T00:00:00Z';
  await pollGitHub(w.h.bot.ctx, [hook]);
  assert.equal(seen, ['Critical SQL injection', 'SQL injection, renamed']);
  const stored = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.is(stored?.endsAt, '2027-04-01T00:00:00Z');
});

t('secret scanning is always read with hide_secret=true', async ({ w }) => {
  await poll(w);
  const secretReads = w.h.github.requests.filter((r) => r.path.includes('secret-scanning'));
  assert.ok(secretReads.length > 0);
  for (const r of secretReads) assert.is(r.query.hide_secret, 'true');
});

t.run();
