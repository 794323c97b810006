import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { assignOnly, client, ORG, status, world } from './fixtures.ts';
import { type GitHubDouble, seedRealisticOrg, startGitHubDouble } from './index.ts';

test('a dismissed_comment over 280 characters is rejected', async () => {
  const { double, dev } = await world();
  try {
    const bad = dev.rest.codeScanning.updateAlert({
      owner: ORG,
      repo: 'api',
      alert_number: 1,
      state: 'dismissed',
      dismissed_reason: "won't fix",
      dismissed_comment: 'x'.repeat(281),
    });
    assert.is(await status(bad), 422);
    assert.is(double.violations[0]?.field, 'dismissed_comment');
  } finally {
    await double.close();
  }
});

test('an unknown route answers 404 and is recorded', async () => {
  const { double, admin } = await world();
  try {
    assert.is(await status(admin.request('GET /orgs/{org}/nonsense', { org: ORG })), 404);
    assert.is(double.violations[0]?.where, 'route');
  } finally {
    await double.close();
  }
});

test('campaign creation answers 200 and enforces the due date and the open limit', async () => {
  const { double, admin } = await world();
  try {
    const repoId = double.state.repos['octo-org/api']?.repo.id ?? 0;
    const create = (ends: number) =>
      admin.rest.campaigns.createCampaign({
        org: ORG,
        name: 'SQL injection',
        description: 'Fix them',
        ends_at: new Date(Date.now() + ends).toISOString(),
        code_scanning_alerts: [{ repository_id: repoId, alert_numbers: [1, 2] }],
      });
    assert.is(await status(create(-60_000)), 422);
    const first = await create(86_400_000);
    assert.is(first.status, 200);
    assert.equal(first.data.alert_stats, { open_count: 2, closed_count: 0, in_progress_count: 0 });
    for (let i = 0; i < 9; i++) await create(86_400_000);
    assert.is(await status(create(86_400_000)), 422);
    assert.is(double.violations.length, 0);
  } finally {
    await double.close();
  }
});

test('an injected primary rate limit answers 403 with remaining 0 and a reset time', async () => {
  const { double, admin } = await world();
  try {
    double.failNext({ method: 'GET', path: /code-scanning/ }, { kind: 'primary-rate-limit' });
    try {
      await admin.rest.codeScanning.listAlertsForOrg({ org: ORG });
      assert.unreachable();
    } catch (error) {
      const e = error as { status: number; response: { headers: Record<string, string> } };
      assert.is(e.status, 403);
      assert.is(e.response.headers['x-ratelimit-remaining'], '0');
      assert.ok(Number(e.response.headers['x-ratelimit-reset']) > Date.now() / 1000);
    }
  } finally {
    await double.close();
  }
});

test('a denied or expired device code reports access_denied and expired_token', async () => {
  const double = await startGitHubDouble({ enforcePollInterval: false });
  try {
    const form = (body: Record<string, string>) =>
      fetch(`${double.url}/login/oauth/access_token`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams(body),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const ask = () =>
      fetch(`${double.url}/login/device/code`, {
        method: 'POST',
        headers: { accept: 'application/json' },
        body: new URLSearchParams({ client_id: double.state.app.clientId }),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const grant = 'urn:ietf:params:oauth:grant-type:device_code';
    const client_id = double.state.app.clientId;
    const denied = await ask();
    double.deviceFlow.deny(denied.device_code ?? '');
    const a = await form({ client_id, device_code: denied.device_code ?? '', grant_type: grant });
    assert.is(a.error, 'access_denied');
    const old = await ask();
    double.deviceFlow.expire(old.user_code ?? '');
    const b = await form({ client_id, device_code: old.device_code ?? '', grant_type: grant });
    assert.is(b.error, 'expired_token');
  } finally {
    await double.close();
  }
});

test('assignees are replaced wholesale and must have write access', async () => {
  const { double, admin } = await world();
  try {
    const params = { owner: ORG, repo: 'api', alert_number: 3 };
    await admin.rest.codeScanning.updateAlert(
      assignOnly({ ...params, assignees: ['dev', 'sec-lead'] }),
    );
    const { data } = await admin.rest.codeScanning.updateAlert(
      assignOnly({ ...params, assignees: ['dev'] }),
    );
    assert.equal(
      data.assignees?.map((a) => a.login),
      ['dev'],
    );
    const bad = admin.rest.codeScanning.updateAlert(
      assignOnly({ ...params, assignees: ['reader'] }),
    );
    assert.is(await status(bad), 422);
  } finally {
    await double.close();
  }
});

test('a response that breaks the schema is recorded as a violation of the double', async () => {
  const { double, admin } = await world();
  try {
    const alert = double.state.repos['octo-org/api']?.codeAlerts[0];
    if (alert) (alert as Record<string, unknown>).state = 'reopened';
    await admin.rest.codeScanning.getAlert({ owner: ORG, repo: 'api', alert_number: 1 });
    assert.is(double.violations[0]?.where, 'response');
    assert.is(double.violations[0]?.field, 'state');
  } finally {
    await double.close();
  }
});

test('an installation token minted with a JWT can list alerts', async () => {
  const { double } = await world();
  try {
    const app = client(double, 'eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOjF9.c2ln');
    const { data } = await app.rest.apps.createInstallationAccessToken({ installation_id: 77 });
    const bot = client(double, data.token);
    const alerts = await bot.rest.codeScanning.listAlertsForOrg({ org: ORG, per_page: 100 });
    assert.is(alerts.data.length, 75);
    assert.is(alerts.headers['x-ratelimit-limit'], '15000');
    assert.is(double.requests.at(-1)?.tokenKind, 'installation');
    double.assertNoViolations();
  } finally {
    await double.close();
  }
});

test('a delayed reply arrives after the requested delay', async () => {
  const { double, admin } = await world();
  try {
    double.failNext('users/get-authenticated', { delayMs: 120 });
    const started = Date.now();
    await admin.rest.users.getAuthenticated();
    assert.ok(Date.now() - started >= 110);
  } finally {
    await double.close();
  }
});

test('the realistic org is deterministic and every endpoint answer fits the schema', async () => {
  const double = await startGitHubDouble();
  try {
    const seeded = seedRealisticOrg(double, { seed: 42 });
    const other = await startGitHubDouble();
    seedRealisticOrg(other, { seed: 42 });
    const key = (d: GitHubDouble) =>
      JSON.stringify(Object.values(d.state.repos).map((r) => r.codeAlerts.map((a) => a.rule.id)));
    assert.is(key(double), key(other));
    await other.close();
    const sec = client(double, seeded.tokens['mona-sec'] ?? '');
    const org = seeded.org.login;
    const code = await sec.paginate(sec.rest.codeScanning.listAlertsForOrg, { org, per_page: 100 });
    assert.ok(code.length >= 250);
    assert.ok(code.some((a) => a.rule.security_severity_level === null));
    assert.ok(code.some((a) => a.rule.tags?.includes('external/cwe/cwe-089')));
    const secrets = await sec.paginate(sec.rest.secretScanning.listAlertsForOrg, {
      org,
      hide_secret: true,
    });
    assert.ok(secrets.length >= 30);
    const campaigns = await sec.rest.campaigns.listOrgCampaigns({ org });
    assert.is(campaigns.data.length, 2);
    await sec.rest.campaigns.getCampaignSummary({ org, campaign_number: 1 });
    await sec.rest.repos.listForOrg({ org });
    await sec.rest.orgs.listMembers({ org });
    await sec.rest.teams.listMembersInOrg({ org, team_slug: 'platform' });
    double.assertNoViolations();
  } finally {
    await double.close();
  }
});

test.run();
