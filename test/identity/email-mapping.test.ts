import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveSlackUser, slackMentionFor } from '../../src/identity/resolve-slack-user.ts';
import { teamMap, teamMentionFor } from '../../src/identity/team-map.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';

const t = suite<{ h: Harness }>('mapping by e-mail and mentions', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness();
  seedOrg(ctx.h.github, {
    org: ORG,
    users: [
      // Public e-mail that matches Carol's Slack address (different case).
      { login: 'carol-gh', email: 'Carol@Example.com' },
      // Private e-mail: GitHub answers `email: null`.
      { login: 'private-pat', email: null },
      // Public e-mail nobody in Slack has.
      { login: 'outsider', email: 'someone@elsewhere.test' },
      'dev-bob',
    ],
    repos: ['web'],
    codeAlerts: [{ repo: 'web', number: 1, ruleId: 'js/xss', securitySeverity: 'high' }],
  });
});

t.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  await ctx.h.close();
});

const lookups = (h: Harness) => h.slack.callsTo('users.lookupByEmail');

t('a public e-mail that matches a Slack account links it with source email', async ({ h }) => {
  const link = await resolveSlackUser(h.bot.ctx, 'carol-gh');
  assert.is(link?.slackUserId, 'U0CAROL');
  assert.is(link?.source, 'email');
  const stored = await h.bot.ctx.repos.identities.byGitHubLogin('carol-gh');
  assert.is(stored?.source, 'email');
  assert.is(await slackMentionFor(h.bot.ctx, 'carol-gh'), '<@U0CAROL>');
});

t('an assignee found only by public e-mail gets the assignment DM', async ({ h }) => {
  const web = h.github.state.repos[`${ORG}/web`]!.repo;
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: web.id, name: web.name, full_name: web.full_name },
    number: 1,
    assignees: ['carol-gh'],
  });
  assert.is((await h.deliver('code_scanning_alert', payload)).status, 202);
  await h.drain();
  await waitFor(() => h.slack.messagesIn('U0CAROL').length > 0, 10_000, 'the DM');
  assert.match(h.slack.messagesIn('U0CAROL')[0]!.text, 'assigned');
  assert.is((await h.bot.ctx.repos.identities.byGitHubLogin('carol-gh'))?.source, 'email');
});

t('a private e-mail is never looked up in Slack and the login stays unmapped', async ({ h }) => {
  assert.is(await resolveSlackUser(h.bot.ctx, 'private-pat'), null);
  assert.is(await slackMentionFor(h.bot.ctx, 'private-pat'), 'private-pat');
  assert.ok(
    h.github.requests.some((r) => r.path === '/users/private-pat'),
    'GitHub was asked for the profile',
  );
  assert.equal(lookups(h), []);
  assert.is(await h.bot.ctx.repos.identities.byGitHubLogin('private-pat'), null);
});

t('a miss is remembered, so repeated messages ask neither GitHub nor Slack', async ({ h }) => {
  assert.is(await resolveSlackUser(h.bot.ctx, 'outsider'), null);
  assert.is(lookups(h).length, 1);
  const githubBefore = h.github.requests.length;
  for (let i = 0; i < 3; i++) assert.is(await slackMentionFor(h.bot.ctx, 'outsider'), 'outsider');
  assert.is(lookups(h).length, 1);
  assert.is(h.github.requests.length, githubBefore);
});

t('an existing link is used without asking GitHub or Slack', async ({ h }) => {
  await h.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-bob',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
  assert.is(await slackMentionFor(h.bot.ctx, 'dev-bob'), '<@U0BOB>');
  assert.is(h.github.requests.length, 0);
  assert.equal(lookups(h), []);
});

t('an e-mail match never replaces a stronger link of the Slack person', async ({ h }) => {
  await h.bot.ctx.repos.identities.link({
    slackUserId: 'U0CAROL',
    githubLogin: 'dev-bob',
    source: 'signed-in',
    linkedAt: new Date().toISOString(),
  });
  assert.is(await resolveSlackUser(h.bot.ctx, 'carol-gh'), null);
  assert.is((await h.bot.ctx.repos.identities.bySlackUser('U0CAROL'))?.githubLogin, 'dev-bob');
});

t('an unknown login is plain, escaped text, never a mention', async ({ h }) => {
  const text = await slackMentionFor(h.bot.ctx, '<!channel>');
  assert.is(text, '&lt;!channel&gt;');
});

t('a mapped team is a user-group mention, an unmapped one plain text', async ({ h }) => {
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), `@${ORG}/appsec`);
  await teamMap(h.bot.ctx).set({
    teamSlug: 'appsec',
    usergroupId: 'S0SECURITY',
    linkedAt: new Date().toISOString(),
  });
  assert.is(await teamMentionFor(h.bot.ctx, 'AppSec'), '<!subteam^S0SECURITY>');
});

t.run();
