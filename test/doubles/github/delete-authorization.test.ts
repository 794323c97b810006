import { deleteAuthorization } from '@octokit/oauth-methods';
import { request } from '@octokit/request';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { client, ORG, status } from './fixtures.ts';
import { type GitHubDouble, seedOrg, startGitHubDouble } from './index.ts';

const t = suite<{ double: GitHubDouble }>('GitHub double: delete an app authorization', {
  double: undefined as unknown as GitHubDouble,
});

t.before.each(async (ctx) => {
  ctx.double = await startGitHubDouble();
  seedOrg(ctx.double, { org: ORG, users: ['mona', 'hubot'], repos: ['api'] });
  const { clientId } = ctx.double.state.app;
  const far = ctx.double.now() + 3_600_000;
  // Two sign-ins by mona (two access tokens, one refresh token) and one by hubot.
  Object.assign(ctx.double.state.tokens, {
    ghu_mona_first_0000: { login: 'mona', kind: 'app-user', clientId, expiresAt: far },
    ghu_mona_second_000: { login: 'mona', kind: 'app-user', clientId, expiresAt: far },
    ghu_hubot_only_0000: { login: 'hubot', kind: 'app-user', clientId, expiresAt: far },
    ghp_mona_classic_00: { login: 'mona', kind: 'user' },
  });
  ctx.double.state.refreshTokens.ghr_mona_0000 = { login: 'mona', clientId, expiresAt: far };
});

t.after.each(async (ctx) => {
  await ctx.double.close();
});

function revoke(double: GitHubDouble, token: string, secret = double.state.app.clientSecret) {
  return deleteAuthorization({
    clientType: 'github-app',
    clientId: double.state.app.clientId,
    clientSecret: secret,
    token,
    request: request.defaults({ baseUrl: double.url }),
  });
}

async function whoAmI(double: GitHubDouble, token: string): Promise<number> {
  return status(client(double, token).rest.users.getAuthenticated());
}

t('deleting the grant revokes every token of that person for the App', async ({ double }) => {
  const res = await revoke(double, 'ghu_mona_first_0000');
  assert.is(res.status, 204);
  assert.is(await whoAmI(double, 'ghu_mona_first_0000'), 401);
  assert.is(await whoAmI(double, 'ghu_mona_second_000'), 401);
  assert.is(double.state.refreshTokens.ghr_mona_0000, undefined);
  // Other people, and tokens not issued to the App, are untouched.
  assert.is(await whoAmI(double, 'ghu_hubot_only_0000'), 200);
  assert.is(await whoAmI(double, 'ghp_mona_classic_00'), 200);
  const seen = double.requests.find((r) => r.operationId === 'apps/delete-authorization');
  assert.equal(seen?.basic, {
    clientId: double.state.app.clientId,
    clientSecret: double.state.app.clientSecret,
  });
  double.assertNoViolations();
});

t('missing or wrong client credentials answer 401 and revoke nothing', async ({ double }) => {
  assert.is(await status(revoke(double, 'ghu_mona_first_0000', 'not-the-secret')), 401);
  const anonymous = await fetch(`${double.url}/applications/${double.state.app.clientId}/grant`, {
    method: 'DELETE',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ access_token: 'ghu_mona_first_0000' }),
  });
  assert.is(anonymous.status, 401);
  assert.is(await whoAmI(double, 'ghu_mona_first_0000'), 200);
  double.assertNoViolations();
});

t('an unknown, expired or revoked token answers 404', async ({ double }) => {
  assert.is(await status(revoke(double, 'ghu_never_issued_00')), 404);
  await revoke(double, 'ghu_mona_first_0000');
  assert.is(await status(revoke(double, 'ghu_mona_first_0000')), 404);
  double.advanceTime(2 * 3_600_000);
  assert.is(await status(revoke(double, 'ghu_hubot_only_0000')), 404);
  double.assertNoViolations();
});

t('a request without access_token answers 422 and is a violation', async ({ double }) => {
  const { clientId, clientSecret } = double.state.app;
  const res = await fetch(`${double.url}/applications/${clientId}/grant`, {
    method: 'DELETE',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({}),
  });
  assert.is(res.status, 422);
  assert.is(double.violations[0]?.field, 'access_token');
  assert.is(await whoAmI(double, 'ghu_mona_first_0000'), 200);
});

t.run();
