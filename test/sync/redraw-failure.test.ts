// One failure never wedges the sync: a message Slack will not let us edit, one alert that
// cannot be handled, one part of the poll or one campaign GitHub refuses. The rest carries on,
// and what failed is tried again by the next poll.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pollGitHub } from '../../src/sync/poll.ts';
import { seedOrg, simpleUser } from '../doubles/github/index.ts';
import { ORG } from '../helpers/harness.ts';
import { codeAlert, dms, rejected, startWorld, touch, user, type World } from './sync-world.ts';

const t = suite<{ w: World }>('sync past failures', {} as { w: World });
const T1 = '2026-03-01T12:00:00Z';
const T2 = '2026-03-01T12:05:00Z';
const T3 = '2026-03-01T12:10:00Z';

t.before.each(async (ctx) => {
  ctx.w = await startWorld({ captureLogs: true });
});

t.after.each(async ({ w }) => {
  w.h.github.assertNoViolations();
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

const poll = (w: World) => pollGitHub(w.h.bot.ctx, []);

function assign(w: World, repo: 'payments' | 'web', n: number, login: string, at: string) {
  const a = codeAlert(w, repo, n);
  a.assignees = [simpleUser(user(w, login))];
  touch(a, at);
}

const texts = (w: World, who: string) => dms(w.h, who).map((m) => m.text);

t('a DM Slack will not let us edit holds back neither its alert nor the poll', async ({ w }) => {
  await poll(w);
  assign(w, 'payments', 1, 'dev-b', T1);
  await poll(w);
  assert.is(dms(w.h, 'U0BOB').length, 1, 'assignment DM');

  // From now on Slack refuses to edit that DM, with an answer no retry changes.
  w.h.slack.failNext('chat.update', { error: 'not_authorized', times: 50 });
  const dismissed = codeAlert(w, 'payments', 1);
  dismissed.state = 'dismissed';
  dismissed.dismissed_reason = 'false positive';
  dismissed.dismissed_by = simpleUser(user(w, 'octo-lead'));
  dismissed.dismissed_at = T3;
  touch(dismissed, T3);
  // Older than the dismissal, so the poll reaches it after the failed redraw.
  assign(w, 'payments', 2, 'dev-c', T2);

  const result = await poll(w);
  assert.equal(result.failed, []);
  assert.ok(w.h.slack.callsTo('chat.update').length > 0, 'the redraw was tried');
  const bob = texts(w, 'U0BOB');
  assert.is(bob.length, 2, bob.join(' / '));
  assert.match(bob[1]!, 'An alert was closed on GitHub');
  assert.equal(texts(w, 'U0CAROL').length, 1, 'the next alert was not held back');
  assert.match(texts(w, 'U0CAROL')[0]!, 'You were assigned a security alert');
  const campaign = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.equal(campaign?.stats, { open: 1, closed: 1, inProgress: 0 }, 'campaigns synced');
  const logged = w.h.logs.find((l) => l.msg === 'message not redrawn; left as it was');
  assert.is(logged?.code, 'slack_request_failed');

  // The dismissal was remembered: the next poll finds nothing new and costs nothing.
  w.h.github.reset();
  await poll(w);
  assert.is(dms(w.h, 'U0BOB').length, 2);
  assert.is(w.h.github.countedRequests().length, 0, 'all 304: nothing left to read again');
});

t('an alert that could not be handled is read again by the next poll', async ({ w }) => {
  await poll(w);
  assign(w, 'payments', 1, 'dev-b', T2);
  assign(w, 'payments', 2, 'dev-c', T1);
  // The store fails once while looking up the campaign of payments#2, before anyone is told.
  const campaigns = w.h.bot.ctx.repos.campaigns;
  const forAlert = campaigns.forAlert.bind(campaigns);
  let failures = 1;
  campaigns.forAlert = async (alert) => {
    if (alert.number === 2 && failures-- > 0) throw new Error('store went away');
    return forAlert(alert);
  };

  const first = await poll(w);
  assert.is(first.alerts[0]?.failed, 1);
  assert.is(dms(w.h, 'U0BOB').length, 1, 'the other alert was handled');
  assert.is(dms(w.h, 'U0CAROL').length, 0);
  const logged = w.h.logs.find((l) => l.msg === 'alert not synced; the next poll reads it again');
  assert.is(logged?.code, 'unknown');

  await poll(w);
  assert.is(dms(w.h, 'U0CAROL').length, 1, 'read again and told');
  await poll(w);
  assert.is(dms(w.h, 'U0CAROL').length, 1, 'told once');
  assert.is(dms(w.h, 'U0BOB').length, 1);
});

t('code scanning refused: secret alerts and campaigns are synced all the same', async ({ w }) => {
  await w.h.bot.ctx.repos.campaigns.save({ ...w.campaign, channelId: 'C0GENERAL' });
  await poll(w);
  assign(w, 'payments', 1, 'dev-b', T1);
  w.h.github.state.orgs[ORG]!.campaigns[0]!.summary.state = 'closed';
  w.h.github.failNext(
    { method: 'GET', path: /\/code-scanning\/alerts$/ },
    { status: 403, message: 'Resource not accessible by integration' },
  );

  const first = await poll(w);
  assert.equal(first.failed, ['code']);
  assert.equal(
    first.alerts.map((a) => a.kind),
    ['secret'],
  );
  const posts = w.h.slack.messagesIn('C0GENERAL');
  assert.is(posts.length, 1);
  assert.match(posts[0]!.text, 'was closed on GitHub');
  const logged = w.h.logs.find((l) => l.part === 'code' && l.level === 'error');
  assert.is(logged?.code, 'github_forbidden');

  await poll(w);
  assert.is(dms(w.h, 'U0BOB').length, 1, 'the next poll caught up');
});

t('one campaign GitHub refuses does not stop the others', async ({ w }) => {
  seedOrg(w.h.github, {
    org: ORG,
    campaigns: [{ number: 2, name: 'Zip slip', managers: ['octo-lead'] }],
  });
  const second = {
    ...w.campaign,
    id: 'camp-2',
    number: 2,
    name: 'Zip slip',
    members: [],
    channelId: 'C0GENERAL',
  };
  await w.h.bot.ctx.repos.campaigns.save(second);
  await poll(w);
  const [one, two] = w.h.github.state.orgs[ORG]!.campaigns;
  one!.summary.name = 'SQL injection, renamed';
  two!.summary.state = 'closed';
  w.h.github.failNext(
    { method: 'GET', path: /\/campaigns\/1$/ },
    { status: 403, message: 'Resource not accessible by integration' },
  );

  const first = await poll(w);
  assert.is(first.campaigns.failed, 1);
  assert.equal(first.failed, []);
  const posts = w.h.slack.messagesIn('C0GENERAL');
  assert.is(posts.length, 1, 'the other campaign was synced');
  assert.match(posts[0]!.text, '*Zip slip* was closed on GitHub');
  const logged = w.h.logs.find((l) => l.msg === 'campaign not synced; the next poll tries again');
  assert.is(logged?.code, 'github_forbidden');

  await poll(w);
  const renamed = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.is(renamed?.name, 'SQL injection, renamed', 'the refused one is synced next time');
});

t.run();
