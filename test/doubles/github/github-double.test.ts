import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assignOnly, client, ORG, status, world } from './fixtures.ts';
import { seedOrg, startGitHubDouble } from './index.ts';

test('a dismissal with reason "false_positive" is rejected and names the field', async () => {
  const { double, dev } = await world();
  try {
    const bad = dev.rest.codeScanning.updateAlert({
      owner: ORG,
      repo: 'api',
      alert_number: 1,
      state: 'dismissed',
      dismissed_reason: 'false_positive' as 'false positive',
    });
    assert.is(await status(bad), 422);
    assert.is(double.violations.length, 1);
    assert.is(double.violations[0]?.field, 'dismissed_reason');
    assert.match(double.violations[0]?.message ?? '', 'false positive');
    assert.throws(() => double.assertNoViolations(), /dismissed_reason/);
    assert.is(double.state.repos['octo-org/api']?.codeAlerts[0]?.state, 'open');
  } finally {
    await double.close();
  }
});

test('a dismissal with dismissed_reason "false positive" is accepted and recorded', async () => {
  const { double, dev } = await world();
  try {
    const { data } = await dev.rest.codeScanning.updateAlert({
      owner: ORG,
      repo: 'api',
      alert_number: 1,
      state: 'dismissed',
      dismissed_reason: 'false positive',
      dismissed_comment: 'Sanitised by the ORM.',
    });
    assert.is(data.state, 'dismissed');
    assert.is(data.dismissed_by?.login, 'dev');
    assert.is(double.writes()[0]?.token, 'tok-dev');
    double.assertNoViolations();
  } finally {
    await double.close();
  }
});

test('an unknown query parameter is rejected as a violation', async () => {
  const { double, admin } = await world();
  try {
    const bad = admin.request('GET /orgs/{org}/code-scanning/alerts', { org: ORG, colour: 'red' });
    assert.is(await status(bad), 422);
    assert.is(double.violations[0]?.where, 'query');
    assert.is(double.violations[0]?.field, 'colour');
  } finally {
    await double.close();
  }
});

test('a campaign whose name has 51 characters is rejected', async () => {
  const { double, admin } = await world();
  try {
    const repoId = double.state.repos['octo-org/api']?.repo.id ?? 0;
    const bad = admin.rest.campaigns.createCampaign({
      org: ORG,
      name: 'n'.repeat(51),
      description: 'Too long a name',
      ends_at: new Date(Date.now() + 86_400_000).toISOString(),
      code_scanning_alerts: [{ repository_id: repoId, alert_numbers: [1] }],
    });
    assert.is(await status(bad), 422);
    assert.is(double.violations[0]?.field, 'name');
  } finally {
    await double.close();
  }
});

test('a 304 on an unchanged list does not count against the rate limit', async () => {
  const { double, admin } = await world();
  try {
    const first = await admin.rest.codeScanning.listAlertsForRepo({ owner: ORG, repo: 'api' });
    const etag = first.headers.etag ?? '';
    const before = Number(first.headers['x-ratelimit-remaining']);
    double.reset();
    const again = admin.rest.codeScanning.listAlertsForRepo({
      owner: ORG,
      repo: 'api',
      headers: { 'if-none-match': etag },
    });
    assert.is(await status(again), 304);
    assert.is(double.countedRequests().length, 0);
    const { data } = await admin.rest.rateLimit.get();
    assert.ok(data.resources.core.remaining >= before);
  } finally {
    await double.close();
  }
});

test('octokit.paginate follows Link headers to every alert', async () => {
  const { double, admin } = await world();
  try {
    const all = await admin.paginate(admin.rest.codeScanning.listAlertsForOrg, {
      org: ORG,
      per_page: 20,
    });
    assert.is(all.length, 75);
    assert.is(new Set(all.map((a) => `${a.repository.name}#${a.number}`)).size, 75);
    assert.is(double.requests.length, 4);
    double.assertNoViolations();
  } finally {
    await double.close();
  }
});

test('an injected 429 carries retry-after and fires only as often as asked', async () => {
  const { double, admin } = await world();
  try {
    double.failNext('code-scanning/list-alerts-for-repo', { status: 429, retryAfter: 7 });
    try {
      await admin.rest.codeScanning.listAlertsForRepo({ owner: ORG, repo: 'api' });
      assert.unreachable();
    } catch (error) {
      const e = error as { status: number; response: { headers: Record<string, string> } };
      assert.is(e.status, 429);
      assert.is(e.response.headers['retry-after'], '7');
    }
    const ok = await admin.rest.codeScanning.listAlertsForRepo({ owner: ORG, repo: 'api' });
    assert.is(ok.status, 200);
  } finally {
    await double.close();
  }
});

test('the device flow goes pending, then slow_down, then issues a token', async () => {
  const double = await startGitHubDouble();
  try {
    seedOrg(double, { org: ORG, users: ['mona'] });
    const post = async (path: string, body: Record<string, string>) => {
      const res = await fetch(`${double.url}${path}`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    const clientId = double.state.app.clientId;
    const code = await post('/login/device/code', { client_id: clientId });
    assert.is(code.interval, 5);
    const poll = () =>
      post('/login/oauth/access_token', {
        client_id: clientId,
        device_code: String(code.device_code),
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      });
    assert.is((await poll()).error, 'authorization_pending');
    const tooFast = await poll();
    assert.is(tooFast.error, 'slow_down');
    assert.is(tooFast.interval, 10);
    double.deviceFlow.approve(String(code.user_code), 'mona');
    double.advanceTime(10_000);
    const token = await poll();
    assert.is(token.token_type, 'bearer');
    assert.ok(String(token.access_token).startsWith('ghu_'));
    assert.is(token.expires_in, 28_800);
    const me = await client(double, String(token.access_token)).rest.users.getAuthenticated();
    assert.is(me.data.login, 'mona');
    const refreshed = await post('/login/oauth/access_token', {
      client_id: clientId,
      client_secret: double.state.app.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: String(token.refresh_token),
    });
    assert.ok(refreshed.access_token);
    assert.is((await poll()).error, 'incorrect_device_code');
  } finally {
    await double.close();
  }
});

test('hide_secret=true removes the secret and its absence leaks it', async () => {
  const { double, admin } = await world();
  try {
    const params = { owner: ORG, repo: 'api', alert_number: 1 };
    const leaky = await admin.rest.secretScanning.getAlert(params);
    assert.is(leaky.data.secret, 'npm_FAKE123');
    const safe = await admin.rest.secretScanning.getAlert({ ...params, hide_secret: true });
    assert.is(safe.data.secret, undefined);
    const list = await admin.rest.secretScanning.listAlertsForOrg({ org: ORG, hide_secret: true });
    assert.ok(list.data.every((a) => a.secret === undefined));
    double.assertNoViolations();
  } finally {
    await double.close();
  }
});

test('a user without write access gets 403 on an alert update', async () => {
  const { double } = await world();
  try {
    const reader = client(double, 'tok-reader');
    const params = { owner: ORG, repo: 'api', alert_number: 2, assignees: ['dev'] };
    assert.is(await status(reader.rest.codeScanning.updateAlert(assignOnly(params))), 403);
    assert.is(double.requests[0]?.login, 'reader');
    const outsider = client(double, 'tok-dev');
    const hidden = { owner: ORG, repo: 'web', alert_number: 1, assignees: ['dev'] };
    assert.is(await status(outsider.rest.codeScanning.updateAlert(assignOnly(hidden))), 403);
  } finally {
    await double.close();
  }
});

test.run();
