import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadIdentityMapFile } from '../../src/identity/load-map-file.ts';
import { teamMentionFor } from '../../src/identity/team-map.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { type Harness, ORG, startHarness } from '../helpers/harness.ts';
import { fastPolling, signIn } from './sign-in-kit.ts';

const t = suite<{ h: Harness }>('identity commands', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ env: { BURNDOWN_ADMINS: 'U0ALICE' } });
  seedOrg(ctx.h.github, {
    org: ORG,
    users: ['dev-bob', 'dev-carol', 'dev-dave'],
    repos: ['web'],
    teams: [{ slug: 'appsec', members: ['dev-bob'] }],
  });
});

t.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  assert.equal(
    ctx.h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await ctx.h.close();
});

async function say(h: Harness, text: string, user: string) {
  const { responses } = await h.command(text, { user });
  const reply = responses[0] as { text: string; response_type: string } | undefined;
  if (!reply) throw new Error(`no reply to ${text}`);
  assert.is(reply.response_type, 'ephemeral');
  return reply.text;
}

t('an admin maps a person with an escaped mention; the link records admin', async ({ h }) => {
  const reply = await say(h, 'map <@U0BOB|bob> dev-bob', 'U0ALICE');
  assert.match(reply, 'Mapped.');
  const link = await h.bot.ctx.repos.identities.bySlackUser('U0BOB');
  assert.equal([link?.githubLogin, link?.source, link?.linkedBy], ['dev-bob', 'admin', 'U0ALICE']);
});

t('map accepts a bare user id and a login written with @', async ({ h }) => {
  await say(h, 'map U0CAROL @dev-carol', 'U0ALICE');
  assert.is((await h.bot.ctx.repos.identities.bySlackUser('U0CAROL'))?.githubLogin, 'dev-carol');
});

t('a non-admin using map is refused and nothing changes', async ({ h }) => {
  const reply = await say(h, 'map <@U0CAROL|carol> dev-bob', 'U0BOB');
  assert.match(reply, 'Only Burndown admins');
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0CAROL'), null);
  assert.is(await h.bot.ctx.repos.identities.byGitHubLogin('dev-bob'), null);
});

t('map of a login GitHub does not know says so', async ({ h }) => {
  const reply = await say(h, 'map <@U0BOB> no-such-person', 'U0ALICE');
  assert.match(reply, 'GitHub has no account *no-such-person*');
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
});

t('map with missing arguments answers with usage', async ({ h }) => {
  assert.match(await say(h, 'map dev-bob', 'U0ALICE'), 'Usage: `/campaign map @person');
});

t('an admin mapping never replaces a signed-in link', async ({ h }) => {
  fastPolling(h);
  await signIn(h, 'U0BOB', 'dev-bob');
  const reply = await say(h, 'map <@U0BOB> dev-dave', 'U0ALICE');
  assert.match(reply, 'Not changed');
  const link = await h.bot.ctx.repos.identities.bySlackUser('U0BOB');
  assert.equal([link?.githubLogin, link?.source], ['dev-bob', 'signed-in']);
});

t('whois shows the link and its source, by mention and by login', async ({ h }) => {
  await say(h, 'map <@U0BOB|bob> dev-bob', 'U0ALICE');
  const byMention = await say(h, 'whois <@U0BOB|bob>', 'U0CAROL');
  assert.match(byMention, '<@U0BOB> is');
  assert.match(byMention, 'dev-bob');
  assert.match(byMention, 'mapped by an admin (<@U0ALICE>)');
  const byLogin = await say(h, 'whois dev-bob', 'U0CAROL');
  assert.match(byLogin, '<@U0BOB> is');
  assert.match(await say(h, 'whois dev-dave', 'U0CAROL'), 'not linked to anyone');
  assert.match(await say(h, 'whois <@U0DAVE>', 'U0CAROL'), 'not linked to a GitHub account');
  assert.match(await say(h, 'whois', 'U0CAROL'), 'Usage: `/campaign whois');
});

t('whoami tells a person how they are linked and what it allows', async ({ h }) => {
  assert.match(await say(h, 'whoami', 'U0BOB'), 'Run `/campaign link`');
  await say(h, 'map <@U0BOB> dev-bob', 'U0ALICE');
  const mapped = await say(h, 'whoami', 'U0BOB');
  assert.match(mapped, 'mapped by an admin');
  assert.match(mapped, 'You are');
  assert.match(mapped, 'cannot act for you until you `/campaign link`');
  fastPolling(h);
  await signIn(h, 'U0BOB', 'dev-bob');
  const signed = await say(h, 'whoami', 'U0BOB');
  assert.match(signed, 'signed in with GitHub');
  assert.match(signed, 'Burndown may act on GitHub for you');
});

t('an admin maps a GitHub team to a Slack user group by mention or handle', async ({ h }) => {
  const reply = await say(h, 'map-team appsec <!subteam^S0SECURITY|@security>', 'U0ALICE');
  assert.match(reply, '<!subteam^S0SECURITY>');
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), '<!subteam^S0SECURITY>');
  await say(h, 'map-team appsec none', 'U0ALICE');
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), `@${ORG}/appsec`);
  await say(h, 'map-team appsec @security', 'U0ALICE');
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), '<!subteam^S0SECURITY>');
});

t('map-team refuses non-admins, unknown teams and unknown groups', async ({ h }) => {
  assert.match(await say(h, 'map-team appsec @security', 'U0BOB'), 'Only Burndown admins');
  assert.match(await say(h, 'map-team nope @security', 'U0ALICE'), 'GitHub has no team');
  assert.match(await say(h, 'map-team appsec @nobody', 'U0ALICE'), 'No Slack user group');
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), `@${ORG}/appsec`);
});

t('an admin can unlink someone else; others cannot', async ({ h }) => {
  await say(h, 'map <@U0BOB> dev-bob', 'U0ALICE');
  assert.match(await say(h, 'unlink <@U0BOB>', 'U0CAROL'), 'Only Burndown admins');
  assert.ok(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'));
  assert.match(await say(h, 'unlink <@U0BOB>', 'U0ALICE'), 'no longer linked');
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
});

t('help lists the identity commands, admin ones apart', async ({ h }) => {
  const text = await say(h, 'help', 'U0BOB');
  for (const word of ['link', 'unlink', 'whoami', 'whois', 'map @person', 'map-team']) {
    assert.match(text, `/campaign ${word}`);
  }
});

t('a CSV mapping file links people and teams; a signed-in link survives it', async ({ h }) => {
  fastPolling(h);
  await signIn(h, 'U0CAROL', 'dev-carol');
  const dir = await mkdtemp(join(tmpdir(), 'burndown-map-'));
  const file = join(dir, 'people.csv');
  await writeFile(
    file,
    [
      'github,slack',
      '# people who never sign in',
      'dev-bob,U0BOB',
      'dev-carol,U0DAVE',
      'team:appsec,S0SECURITY',
    ].join('\n'),
  );
  assert.is(await loadIdentityMapFile(h.bot.ctx, file), 1);
  const bob = await h.bot.ctx.repos.identities.byGitHubLogin('dev-bob');
  assert.equal([bob?.slackUserId, bob?.source], ['U0BOB', 'admin']);
  assert.is((await h.bot.ctx.repos.identities.byGitHubLogin('dev-carol'))?.slackUserId, 'U0CAROL');
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), '<!subteam^S0SECURITY>');
});

t('a mapping file with bad rows is refused, naming each line', async ({ h }) => {
  const dir = await mkdtemp(join(tmpdir(), 'burndown-map-'));
  const file = join(dir, 'bad.csv');
  await writeFile(file, 'dev-bob,not-a-user\nteam:appsec,U0BOB\nonly-one-column\n');
  const err = await loadIdentityMapFile(h.bot.ctx, file).catch((e: Error) => e);
  assert.instance(err, Error);
  assert.match(String((err as Error).message), 'line 1: dev-bob');
  assert.match(String((err as Error).message), 'line 2: team appsec');
  assert.match(String((err as Error).message), 'line 3: expected two columns');
  assert.is(await h.bot.ctx.repos.identities.byGitHubLogin('dev-bob'), null);
});

t('a YAML mapping file may map teams under `teams:`', async ({ h }) => {
  const dir = await mkdtemp(join(tmpdir(), 'burndown-map-'));
  const file = join(dir, 'people.yml');
  await writeFile(file, 'dev-bob: U0BOB\nteams:\n  appsec: S0SECURITY\n');
  assert.is(await loadIdentityMapFile(h.bot.ctx, file), 1);
  assert.is(await teamMentionFor(h.bot.ctx, 'appsec'), '<!subteam^S0SECURITY>');
});

t.run();

const off = suite<{ h: Harness }>('identity commands without sign-in set up', {} as { h: Harness });

off.before.each(async (ctx) => {
  ctx.h = await startHarness({ env: { BURNDOWN_ADMINS: 'U0ALICE', GITHUB_APP_CLIENT_ID: '' } });
  seedOrg(ctx.h.github, { org: ORG, users: ['dev-bob'], repos: ['web'] });
});

off.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  assert.equal(
    ctx.h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await ctx.h.close();
});

off('whoami points an unlinked person at an admin and /campaign map', async ({ h }) => {
  const reply = await say(h, 'whoami', 'U0BOB');
  assert.match(reply, 'does not know your GitHub account');
  assert.match(reply, 'not set up');
  assert.match(reply, 'ask a Burndown admin (<@U0ALICE>)');
  assert.match(reply, '`/campaign map <@U0BOB> your-github-login`');
  assert.not.match(reply, '/campaign link');
});

off('a mapped person is not sent to /campaign link to let Burndown act for them', async ({ h }) => {
  await say(h, 'map <@U0BOB> dev-bob', 'U0ALICE');
  const mine = await say(h, 'whoami', 'U0BOB');
  assert.match(mine, 'mapped by an admin');
  assert.match(mine, 'signing in with GitHub is not set up');
  assert.not.match(mine, '/campaign link');
  assert.not.match(await say(h, 'whois dev-bob', 'U0CAROL'), '/campaign link');
});

off('a non-admin refused by map is told whom to ask, not to sign in', async ({ h }) => {
  const reply = await say(h, 'map <@U0CAROL> dev-bob', 'U0BOB');
  assert.match(reply, 'Only Burndown admins');
  assert.match(reply, '<@U0ALICE>');
  assert.not.match(reply, '/campaign link');
});

off.run();
