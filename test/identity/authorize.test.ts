import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { actAs, tokenStore } from '../../src/identity/authorize.ts';
import type { LinkSource } from '../../src/identity/identity-repo.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { BOT_GITHUB_TOKEN, type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';
import { dmTexts, fastPolling, signIn } from './sign-in-kit.ts';

const t = suite<{ h: Harness }>('authorization: acting as the person', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ captureLogs: true });
  seedOrg(ctx.h.github, {
    org: ORG,
    users: [
      { login: 'dev-bob', repos: { web: 'write' } },
      { login: 'dev-carol', repos: { web: 'write' } },
    ],
    repos: ['web'],
    codeAlerts: [
      { repo: 'web', number: 1, ruleId: 'js/xss', securitySeverity: 'high' },
      { repo: 'web', number: 2, ruleId: 'js/sql-injection', securitySeverity: 'critical' },
    ],
  });
  fastPolling(ctx.h);
});

t.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  await ctx.h.close();
});

/** A small action as a button would run it: assign the alert to the clicker, as the clicker. */
async function assignToMe(h: Harness, user: string, alert: number): Promise<string> {
  const acting = await actAs(h.bot.ctx, user);
  if (!acting.ok) return acting.message;
  // The typed method lags GitHub here: the endpoint takes `assignees` on its own.
  await acting.github.request('PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}', {
    owner: ORG,
    repo: 'web',
    alert_number: alert,
    assignees: [acting.login],
  } as never);
  return 'assigned';
}

async function linkBy(h: Harness, source: LinkSource, user: string, login: string) {
  await h.bot.ctx.repos.identities.link({
    slackUserId: user,
    githubLogin: login,
    source,
    linkedAt: new Date().toISOString(),
  });
}

for (const source of ['email', 'admin'] as const) {
  t(
    `a person linked by ${source} only is told to sign in and GitHub hears nothing`,
    async ({ h }) => {
      await linkBy(h, source, 'U0BOB', 'dev-bob');
      const before = h.github.requests.length;
      const answer = await assignToMe(h, 'U0BOB', 1);
      assert.match(answer, 'Run `/campaign link`');
      assert.match(answer, 'dev-bob');
      assert.is(h.github.requests.length, before);
      assert.equal(h.github.writes(), []);
    },
  );
}

t('an unlinked person is told to sign in and GitHub hears nothing', async ({ h }) => {
  const before = h.github.requests.length;
  const answer = await assignToMe(h, 'U0DAVE', 1);
  assert.match(answer, 'does not know your GitHub account');
  assert.match(answer, '/campaign link');
  assert.is(h.github.requests.length, before);
});

t('every write for a person carries that person’s own token', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  await signIn(h, 'U0CAROL', 'dev-carol');
  assert.is(await assignToMe(h, 'U0BOB', 1), 'assigned');
  assert.is(await assignToMe(h, 'U0CAROL', 2), 'assigned');
  const bob = (await tokenStore(h.bot.ctx).get('U0BOB'))?.accessToken;
  const carol = (await tokenStore(h.bot.ctx).get('U0CAROL'))?.accessToken;
  const writes = h.github.writes();
  assert.is(writes.length, 2);
  assert.equal(
    writes.map((w) => [w.path, w.token, w.login, w.tokenKind]),
    [
      [`/repos/${ORG}/web/code-scanning/alerts/1`, bob, 'dev-bob', 'app-user'],
      [`/repos/${ORG}/web/code-scanning/alerts/2`, carol, 'dev-carol', 'app-user'],
    ],
  );
  assert.ok(writes.every((w) => w.token !== BOT_GITHUB_TOKEN));
  const alert = h.github.state.repos[`${ORG}/web`]?.codeAlerts.find((a) => a.number === 1);
  assert.equal(
    alert?.assignees.map((a) => a.login),
    ['dev-bob'],
  );
});

t('an expired token is refreshed with the refresh token before acting', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const store = tokenStore(h.bot.ctx);
  const old = await store.get('U0BOB');
  if (!old) throw new Error('no tokens');
  await store.put('U0BOB', { ...old, expiresAt: Date.now() - 1000 });
  assert.is(await assignToMe(h, 'U0BOB', 1), 'assigned');
  const fresh = await store.get('U0BOB');
  assert.match(fresh?.accessToken ?? '', /^ghu_/);
  assert.is.not(fresh?.accessToken, old.accessToken);
  assert.is.not(fresh?.refreshToken, old.refreshToken);
  assert.ok((fresh?.expiresAt ?? 0) > Date.now());
  assert.is(h.github.writes()[0]?.token, fresh?.accessToken);
});

t('two clicks at once with an expired token spend the refresh token once', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const store = tokenStore(h.bot.ctx);
  const old = await store.get('U0BOB');
  if (!old) throw new Error('no tokens');
  await store.put('U0BOB', { ...old, expiresAt: Date.now() - 1000 });
  const [a, b] = await Promise.all([actAs(h.bot.ctx, 'U0BOB'), actAs(h.bot.ctx, 'U0BOB')]);
  assert.ok(a.ok && b.ok, 'both clicks may act');
  const fresh = await store.get('U0BOB');
  assert.is.not(fresh?.accessToken, old.accessToken);
  assert.is(h.logs.filter((l) => l.msg === 'token refresh failed').length, 0);
});

t('a refresh GitHub refuses asks the person to sign in again, sending nothing', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const store = tokenStore(h.bot.ctx);
  const old = await store.get('U0BOB');
  if (!old) throw new Error('no tokens');
  await store.put('U0BOB', { ...old, expiresAt: Date.now() - 1000, refreshToken: 'ghr_gone' });
  const answer = await assignToMe(h, 'U0BOB', 1);
  assert.match(answer, 'expired');
  assert.match(answer, '/campaign link');
  assert.equal(h.github.writes(), []);
});

t('a revoked token unlinks the person and tells them by DM', async ({ h }) => {
  await signIn(h, 'U0BOB', 'dev-bob');
  const token = (await tokenStore(h.bot.ctx).get('U0BOB'))?.accessToken ?? '';
  // The person revokes Burndown on GitHub: the token stops working.
  delete h.github.state.tokens[token];
  const failed = await assignToMe(h, 'U0BOB', 1).catch((err: { status?: number }) => err.status);
  assert.is(failed, 401);
  assert.is(await h.bot.ctx.repos.identities.bySlackUser('U0BOB'), null);
  assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
  const dm = await waitFor(
    () => dmTexts(h, 'U0BOB').find((x) => x.includes('no longer accepts')),
    2000,
    'the revocation DM',
  );
  assert.match(dm, '/campaign link');
  const next = await assignToMe(h, 'U0BOB', 1);
  assert.match(next, 'does not know your GitHub account');
});

t.run();

const off = suite('authorization without an encryption key');

off('acting is refused when sign-in is not configured', async () => {
  const h = await startHarness({ env: { TOKEN_ENCRYPTION_KEY: '' } });
  try {
    await linkBy(h, 'signed-in', 'U0BOB', 'dev-bob');
    const acting = await actAs(h.bot.ctx, 'U0BOB');
    assert.is(acting.ok, false);
    assert.match(acting.ok ? '' : acting.message, 'not set up');
    assert.is(h.github.requests.length, 0);
  } finally {
    await h.close();
  }
});

off.run();
