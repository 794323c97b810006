import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tokenStore } from '../../src/identity/authorize.ts';
import type { UserTokens } from '../../src/identity/token-store.ts';
import type { RecordedRequest } from '../doubles/github/index.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { type Harness, ORG, startHarness } from '../helpers/harness.ts';
import { fastPolling, signIn } from './sign-in-kit.ts';

const t = suite<{ h: Harness }>('unlink withdraws the authorization on GitHub', {
  h: undefined as unknown as Harness,
});

async function start(env: Record<string, string> = {}): Promise<Harness> {
  const h = await startHarness({ env: { BURNDOWN_ADMINS: 'U0ALICE', ...env }, captureLogs: true });
  seedOrg(h.github, { org: ORG, users: ['dev-bob', 'dev-carol'], repos: ['web'] });
  fastPolling(h);
  return h;
}

t.before.each(async (ctx) => {
  ctx.h = await start();
});

t.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  await ctx.h.close();
});

async function tokensOf(h: Harness, user: string): Promise<UserTokens> {
  const tokens = await tokenStore(h.bot.ctx).get(user);
  if (!tokens) throw new Error(`no tokens for ${user}`);
  return tokens;
}

async function unlink(h: Harness, user: string, text = 'unlink'): Promise<string> {
  const { responses } = await h.command(text, { user });
  const reply = responses[0] as { text: string; response_type: string } | undefined;
  if (!reply) throw new Error(`no reply to ${text}`);
  assert.is(reply.response_type, 'ephemeral');
  return reply.text;
}

const grantDeletions = (h: Harness): RecordedRequest[] =>
  h.github.requests.filter((r) => r.operationId === 'apps/delete-authorization');

/** What GitHub answers to a request made with this token: 200, or 401 once it is revoked. */
async function gitHubAccepts(h: Harness, token: string): Promise<number> {
  const res = await fetch(`${h.github.url}/user`, {
    headers: { authorization: `token ${token}`, 'x-github-api-version': '2022-11-28' },
  });
  return res.status;
}

const settingsUrl = (h: Harness) => `${h.github.url}/settings/apps/authorizations`;

function assertNoCredentialInLogs(h: Harness, ...credentials: string[]) {
  const lines = JSON.stringify(h.logs);
  for (const c of [...credentials, h.github.state.app.clientSecret]) {
    assert.not.ok(lines.includes(c), 'a credential was written to the logs');
  }
}

t('unlink after signing in withdraws the authorization on GitHub', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const { accessToken, refreshToken = '' } = await tokensOf(h, 'U0BOB');

  const reply = await unlink(h, 'U0BOB');

  assert.match(reply, 'no longer linked to *dev-bob*');
  assert.match(reply, 'withdrew Burndown’s authorization on GitHub');
  assert.not.match(reply, settingsUrl(h));
  const [deletion, ...more] = grantDeletions(h);
  assert.equal(more, []);
  const { clientId, clientSecret } = h.github.state.app;
  assert.is(deletion?.method, 'DELETE');
  assert.is(deletion?.path, `/applications/${clientId}/grant`);
  assert.equal(deletion?.basic, { clientId, clientSecret });
  assert.equal(deletion?.body, { access_token: accessToken });
  assert.is(deletion?.status, 204);
  assert.is(await gitHubAccepts(h, accessToken), 401);
  assert.is(h.github.state.refreshTokens[refreshToken], undefined);
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
  assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
  assert.ok(h.logs.some((l) => l.msg === 'github authorization withdrawn'));
  assertNoCredentialInLogs(h, accessToken, refreshToken);
});

t('a token GitHub no longer knows still unlinks, and the reply gives the URL', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const { accessToken } = await tokensOf(h, 'U0BOB');
  // The person already revoked Burndown on GitHub's settings page.
  delete h.github.state.tokens[accessToken];

  const reply = await unlink(h, 'U0BOB');

  assert.match(reply, 'no longer linked to *dev-bob*');
  assert.match(reply, `To also withdraw Burndown’s authorization on GitHub, see ${settingsUrl(h)}`);
  assert.not.match(reply, 'withdrew');
  assert.equal(
    grantDeletions(h).map((r) => r.status),
    [404],
  );
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
  assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
  const line = h.logs.find((l) => l.msg === 'github authorization not withdrawn');
  assert.equal([line?.level, line?.code, line?.status], ['info', 'github_not_found', 404]);
  assertNoCredentialInLogs(h, accessToken);
});

t('GitHub failing to answer still unlinks, and the reply gives the URL', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  h.github.failNext('apps/delete-authorization', { status: 503 });

  const reply = await unlink(h, 'U0BOB');

  assert.match(reply, settingsUrl(h));
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
  assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
  const line = h.logs.find((l) => l.msg === 'github authorization not withdrawn');
  assert.equal([line?.level, line?.code], ['warn', 'github_request_failed']);
});

t('an expired token is refreshed first, so the grant is still withdrawn', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const old = await tokensOf(h, 'U0BOB');
  // A day later: the access token expired on both sides, the refresh token still works.
  await tokenStore(h.bot.ctx).put('U0BOB', { ...old, expiresAt: Date.now() - 1000 });
  h.github.advanceTime(86_400_000);

  const reply = await unlink(h, 'U0BOB');

  assert.match(reply, 'withdrew Burndown’s authorization on GitHub');
  const [deletion] = grantDeletions(h);
  assert.is(deletion?.status, 204);
  assert.not.equal(deletion?.body, { access_token: old.accessToken });
  assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
});

t('an admin unlinking someone else withdraws that person’s grant only', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  await signIn(h, 'U0CAROL', 'dev-carol');
  const bob = await tokensOf(h, 'U0BOB');
  const carol = await tokensOf(h, 'U0CAROL');

  const reply = await unlink(h, 'U0ALICE', 'unlink <@U0BOB>');

  assert.match(reply, '<@U0BOB> is no longer linked to *dev-bob*');
  assert.match(reply, 'withdrew Burndown’s authorization on GitHub');
  assert.equal(
    grantDeletions(h).map((r) => [r.body, r.status]),
    [[{ access_token: bob.accessToken }, 204]],
  );
  assert.is(await gitHubAccepts(h, bob.accessToken), 401);
  assert.is(await gitHubAccepts(h, carol.accessToken), 200);
  assert.is((await h.bot.ctx.repos.identities.bySlackUser('U0CAROL'))?.source, 'signed-in');
  assertNoCredentialInLogs(h, bob.accessToken, carol.accessToken);
});

t('an admin mapping has nothing to withdraw and GitHub hears nothing', async ({ h }) => {
  await unlink(h, 'U0ALICE', 'map <@U0BOB> dev-bob');

  const reply = await unlink(h, 'U0ALICE', 'unlink <@U0BOB>');

  assert.match(reply, '<@U0BOB> is no longer linked to *dev-bob*');
  assert.not.match(reply, 'authorization');
  assert.equal(grantDeletions(h), []);
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
});

t.run();

const off = suite('unlink without the App’s client secret');

off('nothing is sent to GitHub and the reply gives the URL', async () => {
  const h = await start({ GITHUB_APP_CLIENT_SECRET: '' });
  try {
    await signIn(h, 'U0BOB', 'dev-bob');
    const { accessToken } = await tokensOf(h, 'U0BOB');

    const reply = await unlink(h, 'U0BOB');

    assert.match(reply, 'no longer linked to *dev-bob*');
    assert.match(reply, settingsUrl(h));
    assert.equal(grantDeletions(h), []);
    assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
    // Burndown forgot the token, but GitHub's grant is untouched until the person revokes it.
    assert.is(await gitHubAccepts(h, accessToken), 200);
    const line = h.logs.find((l) => l.msg === 'github authorization not withdrawn');
    assert.equal([line?.level, line?.code], ['info', 'identity_revoke_unavailable']);
    h.github.assertNoViolations();
  } finally {
    await h.close();
  }
});

off('a client secret GitHub rejects is logged as a warning; the link still goes', async () => {
  const h = await start({ GITHUB_APP_CLIENT_SECRET: 'not-the-apps-secret' });
  try {
    await signIn(h, 'U0BOB', 'dev-bob');

    const reply = await unlink(h, 'U0BOB');

    assert.match(reply, settingsUrl(h));
    assert.equal(
      grantDeletions(h).map((r) => r.status),
      [401],
    );
    assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
    const line = h.logs.find((l) => l.msg === 'github authorization not withdrawn');
    assert.equal([line?.level, line?.code, line?.status], ['warn', 'config_invalid', 401]);
    assertNoCredentialInLogs(h, 'not-the-apps-secret');
    h.github.assertNoViolations();
  } finally {
    await h.close();
  }
});

off.run();
