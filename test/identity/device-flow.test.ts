import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { tokenStore } from '../../src/identity/authorize.ts';
import { pendingSignIns } from '../../src/identity/pending-sign-in.ts';
import { resumeSignInsJob } from '../../src/jobs/resume-sign-ins.ts';
import { runJob } from '../../src/jobs/scheduler.ts';
import { seedOrg } from '../doubles/github/index.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';
import { dmTexts, fastPolling, lastCode, signIn } from './sign-in-kit.ts';

const t = suite<{ h: Harness }>('device-flow sign-in', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ captureLogs: true });
  seedOrg(ctx.h.github, { org: ORG, users: ['dev-bob', 'dev-carol'], repos: ['web'] });
});

t.after.each(async (ctx) => {
  ctx.h.github.assertNoViolations();
  assert.equal(
    ctx.h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await ctx.h.close();
});

const linkOf = (h: Harness, user: string) => h.bot.ctx.repos.identities.bySlackUser(user);

t('link answers privately and sends the code and verification link by DM', async ({ h }) => {
  fastPolling(h);
  const { responses } = await h.command('link', { user: 'U0BOB' });
  const reply = responses[0] as { text: string; response_type: string };
  assert.is(reply.response_type, 'ephemeral');
  assert.match(reply.text, 'direct message');
  const code = lastCode(h);
  assert.not.match(reply.text, code.userCode);
  const dm = await waitFor(() => h.slack.messagesIn('U0BOB')[0], 2000, 'the code DM');
  assert.match(dm.text, code.userCode);
  assert.match(dm.text, `${h.github.url}/login/device`);
  assert.match(JSON.stringify(dm.blocks), code.userCode);
});

t('approving the code links the person as signed-in and stores their tokens', async ({ h }) => {
  fastPolling(h);
  await signIn(h, 'U0BOB', 'dev-bob');
  const link = await linkOf(h, 'U0BOB');
  assert.is(link?.githubLogin, 'dev-bob');
  assert.is(link?.source, 'signed-in');
  const tokens = await tokenStore(h.bot.ctx).get('U0BOB');
  assert.match(tokens?.accessToken ?? '', /^ghu_/);
  assert.match(tokens?.refreshToken ?? '', /^ghr_/);
  assert.ok((tokens?.expiresAt ?? 0) > Date.now());
  // The login came from GitHub with the new token, not from anything the person typed.
  const me = h.github.requests.find((r) => r.path === '/user');
  assert.is(me?.token, tokens?.accessToken);
  await waitFor(() => dmTexts(h, 'U0BOB').some((x) => x.includes('signed in as')), 1000, 'DM');
  assert.is(await pendingSignIns(h.bot.ctx)?.get('U0BOB'), null);
});

t('polling waits the interval GitHub asks for and adds 5 s after slow_down', async ({ h }) => {
  const waits = fastPolling(h);
  await h.command('link', { user: 'U0BOB' });
  const code = lastCode(h);
  await waitFor(() => waits.length >= 2, 2000, 'two polls');
  h.github.deviceFlow.slowDown(code.deviceCode);
  const before = waits.length;
  await waitFor(() => waits.slice(before).includes(10_000), 2000, 'a 10 s wait');
  h.github.deviceFlow.approve(code.userCode, 'dev-bob');
  await waitFor(async () => (await linkOf(h, 'U0BOB'))?.source === 'signed-in', 2000, 'link');
  const first = waits.indexOf(10_000);
  assert.ok(
    waits.slice(0, first).every((ms) => ms === 5000),
    `waits ${waits}`,
  );
  assert.ok(
    waits.slice(first).every((ms) => ms === 10_000),
    `waits ${waits}`,
  );
  // The double refuses a poll that comes too soon with another slow_down; there was only one.
  const slowed = h.logs.filter((l) => l.msg === 'sign-in polling slowed down');
  assert.is(slowed.length, 1);
});

t('an expired code ends the sign-in with a clear message and no link', async ({ h }) => {
  fastPolling(h);
  await h.command('link', { user: 'U0BOB' });
  h.github.deviceFlow.expire(lastCode(h).deviceCode);
  const dm = await waitFor(
    () => dmTexts(h, 'U0BOB').find((x) => x.includes('expired')),
    2000,
    'the expiry DM',
  );
  assert.match(dm, 'Your GitHub sign-in code expired before it was entered');
  assert.match(dm, '/campaign link');
  assert.is(await linkOf(h, 'U0BOB'), null);
  assert.is(await pendingSignIns(h.bot.ctx)?.get('U0BOB'), null);
});

t('a refused authorization ends the sign-in and says so', async ({ h }) => {
  fastPolling(h);
  await h.command('link', { user: 'U0BOB' });
  h.github.deviceFlow.deny(lastCode(h).deviceCode);
  const dm = await waitFor(
    () => dmTexts(h, 'U0BOB').find((x) => x.includes('cancelled')),
    2000,
    'the denial DM',
  );
  assert.match(dm, 'nothing was linked');
  assert.is(await linkOf(h, 'U0BOB'), null);
});

t('a signed-in link replaces an admin mapping of the same person', async ({ h }) => {
  fastPolling(h);
  await h.bot.ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-carol',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
  await signIn(h, 'U0BOB', 'dev-bob');
  assert.is((await linkOf(h, 'U0BOB'))?.githubLogin, 'dev-bob');
  assert.is(await h.bot.ctx.repos.identities.byGitHubLogin('dev-carol'), null);
});

t('unlink removes the link, the tokens and any pending sign-in', async ({ h }) => {
  fastPolling(h);
  await signIn(h, 'U0BOB', 'dev-bob');
  const { responses } = await h.command('unlink', { user: 'U0BOB' });
  const reply = responses[0] as { text: string; response_type: string };
  assert.is(reply.response_type, 'ephemeral');
  assert.match(reply.text, 'no longer linked to *dev-bob*');
  assert.is(await linkOf(h, 'U0BOB'), null);
  assert.is(await h.bot.ctx.repos.identities.byGitHubLogin('dev-bob'), null);
  assert.is(await tokenStore(h.bot.ctx).get('U0BOB'), null);
  const again = await h.command('unlink', { user: 'U0BOB' });
  assert.match((again.responses[0] as { text: string }).text, 'nothing to remove');
});

t('sign-in is refused with a clear answer when it is not configured', async () => {
  const off = await startHarness({ env: { GITHUB_APP_CLIENT_ID: '' } });
  try {
    const { responses } = await off.command('link', { user: 'U0BOB' });
    assert.match((responses[0] as { text: string }).text, 'not set up');
    assert.is(off.github.deviceFlow.issued.length, 0);
  } finally {
    await off.close();
  }
});

t.run();

const r = suite('device-flow sign-in across a restart');

r('another replica finishes a sign-in whose poller stopped', async () => {
  const a = await startHarness();
  seedOrg(a.github, { org: ORG, users: ['dev-bob'], repos: ['web'] });
  // Replica A starts the sign-in and then "dies": its poll loop never wakes up again.
  a.bot.ctx.sleep = () => new Promise<void>(() => {});
  await a.command('link', { user: 'U0BOB' });
  const code = lastCode(a);
  // Replica B shares A's store and doubles; its clock is past A's stalled heartbeat.
  const later = () => new Date(Date.now() + 5 * 60_000);
  const b = await startHarness({
    shared: { kv: a.kv, github: a.github, slack: a.slack },
    now: later,
  });
  try {
    fastPolling(b);
    a.github.deviceFlow.approve(code.userCode, 'dev-bob');
    assert.is(await runJob(b.bot.ctx, resumeSignInsJob), 'ran');
    await waitFor(
      async () => (await b.bot.ctx.repos.identities.bySlackUser('U0BOB'))?.source === 'signed-in',
      2000,
      'the resumed sign-in',
    );
    assert.is((await tokenStore(b.bot.ctx).get('U0BOB'))?.login, 'dev-bob');
    a.github.assertNoViolations();
  } finally {
    await b.close();
    await a.close();
  }
});

r.run();
