import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ACK_BUDGET_MS } from '../../src/slack/views/campaign-modal-listeners.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { baseOrg, campaignHarness, DEV, openNew, sideEffects, submit } from './campaign-kit.ts';

type Ack = { response_action?: string; errors?: Record<string, string> };

const t = suite<{ h: Harness }>('campaign form errors', {} as { h: Harness });

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

async function refused(h: Harness, values: Parameters<typeof submit>[2], block: string) {
  const view = await openNew(h);
  const before = sideEffects(h);
  const res = await submit(h, view, values);
  const ack = res.body as Ack;
  assert.is(ack.response_action, 'errors');
  assert.ok(ack.errors?.[block], `an error under ${block}: ${JSON.stringify(ack.errors)}`);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(sideEffects(h), before, 'nothing created on GitHub or in Slack');
  assert.is(await h.bot.ctx.repos.campaigns.list().then((l) => l.length), 0);
  return ack.errors?.[block] ?? '';
}

t('a 51-character name is refused under the name field', async (ctx) => {
  ctx.h = await campaignHarness();
  const msg = await refused(ctx.h, { name: 'x'.repeat(51) }, 'name');
  assert.match(msg, 'At most 50 characters (this one has 51)');
});

t('an empty description is refused under the description field', async (ctx) => {
  ctx.h = await campaignHarness();
  await refused(ctx.h, { description: '' }, 'description');
});

t('a due date of today is refused as not in the future', async (ctx) => {
  ctx.h = await campaignHarness();
  const today = new Date().toISOString().slice(0, 10);
  const msg = await refused(ctx.h, { due: today }, 'due');
  assert.match(msg, 'after today');
});

t('a due date in the past is refused', async (ctx) => {
  ctx.h = await campaignHarness();
  await refused(ctx.h, { due: '2020-01-01' }, 'due');
});

t('a point of contact without a GitHub login is refused', async (ctx) => {
  ctx.h = await campaignHarness();
  const msg = await refused(ctx.h, { poc: 'U0CAROL' }, 'poc');
  assert.match(msg, '/campaign link');
});

t('filters that match no alert are refused under the template', async (ctx) => {
  ctx.h = await campaignHarness(baseOrg({ codeAlerts: [] }));
  const msg = await refused(ctx.h, { template: 'code-critical' }, 'template');
  assert.match(msg, 'No open alert matches');
});

t('1001 matching alerts are refused before GitHub is asked', async (ctx) => {
  const codeAlerts = Array.from({ length: 1001 }, (_, i) => ({
    repo: i % 2 ? 'payments' : 'web',
    number: i + 1,
    ruleId: 'js/sql-injection',
    securitySeverity: 'critical' as const,
  }));
  ctx.h = await campaignHarness(baseOrg({ codeAlerts }));
  const msg = await refused(ctx.h, { template: 'code-critical' }, 'template');
  assert.match(msg, 'at most 1000');
});

/** GitHub's maximum of open campaigns, all due far ahead. */
const tenOpen = () =>
  Array.from({ length: 10 }, (_, i) => ({
    number: i + 1,
    name: `Campaign ${i + 1}`,
    managers: ['kim-lead'],
    endsAt: '2099-01-01T00:00:00Z',
  }));

t('an 11th open campaign is refused with a way out', async (ctx) => {
  ctx.h = await campaignHarness(baseOrg({ campaigns: tenOpen() }));
  const msg = await refused(ctx.h, {}, 'mode');
  assert.match(msg, '10 open campaigns');
  assert.match(msg, 'draft');
});

t(
  'with GitHub slow, an 11th campaign is answered in time and refused in the modal',
  async (ctx) => {
    ctx.h = await campaignHarness(baseOrg({ campaigns: tenOpen() }));
    const view = await openNew(ctx.h);
    const before = sideEffects(ctx.h);
    // Slower than the budget, well inside Slack's 3 seconds for the answer.
    ctx.h.github.failNext('campaigns/list-org-campaigns', { delayMs: ACK_BUDGET_MS + 600 });
    const res = await submit(ctx.h, view, {});
    const ack = res.body as { response_action?: string; view?: unknown };
    assert.is(ack.response_action, 'update', 'answered before the checks finished');
    assert.match(JSON.stringify(ack.view), 'Checking with GitHub');
    const shown = await waitFor(
      () =>
        ctx.h.slack
          .callsTo('views.update')
          .map((c) => JSON.stringify(c.args))
          .find((v) => v.includes('10 open campaigns')),
      5000,
      'the form shown again with the reason',
    );
    assert.match(shown, 'Nothing was created');
    assert.match(shown, 'campaign_form:name', 'the form itself, to fix and submit again');
    assert.equal(sideEffects(ctx.h), before, 'nothing created on GitHub or in Slack');
  },
);

t('GitHub failing after the time budget gives the form back with the reason', async (ctx) => {
  ctx.h = await campaignHarness();
  const view = await openNew(ctx.h);
  const before = sideEffects(ctx.h);
  // Another template than the one previewed: the alerts are searched again, and GitHub fails.
  ctx.h.github.failNext('code-scanning/list-alerts-for-org', {
    status: 404,
    delayMs: ACK_BUDGET_MS + 600,
  });
  const res = await submit(ctx.h, view, { template: 'code-high-critical' });
  assert.match(JSON.stringify((res.body as { view?: unknown }).view), 'Checking with GitHub');
  const shown = await waitFor(
    () =>
      ctx.h.slack
        .callsTo('views.update')
        .map((c) => JSON.stringify(c.args))
        .find((v) => v.includes('Nothing was created')),
    5000,
    'the form shown again with the reason',
  );
  assert.match(shown, 'campaign_form:name', 'the form itself, to submit again');
  assert.match(shown, 'GitHub');
  assert.equal(sideEffects(ctx.h), before, 'nothing created on GitHub or in Slack');
});

t('a contact link longer than Slack allows is refused under the contact field', async (ctx) => {
  ctx.h = await campaignHarness();
  const long = `https://wiki.example.com/${'a'.repeat(3000)}`;
  const msg = await refused(ctx.h, { contact: long }, 'contact');
  assert.match(msg, `At most 3000 characters`);
  assert.match(msg, `this one has ${long.length}`);
});

t('a contact link GitHub would not store as a URI is refused under the field', async (ctx) => {
  ctx.h = await campaignHarness();
  const msg = await refused(ctx.h, { contact: 'https://wiki.example.com/a|b c' }, 'contact');
  assert.match(msg, 'characters a web address cannot hold');
});

t('a contact link that is not http(s) is refused under the field', async (ctx) => {
  ctx.h = await campaignHarness();
  const msg = await refused(ctx.h, { contact: 'javascript:alert(1)' }, 'contact');
  assert.match(msg, 'starting with https://');
});

t('GitHub’s own words in a field error read as typed, not as escaped markup', async (ctx) => {
  ctx.h = await campaignHarness();
  ctx.h.github.failNext('campaigns/list-org-campaigns', {
    status: 403,
    message: 'Blocked by the R&D <policy> team',
  });
  const msg = await refused(ctx.h, {}, 'mode');
  assert.match(msg, 'R&D <policy>');
  assert.not.match(msg, '&amp;');
});

t('someone not signed in gets the private hint and no modal', async (ctx) => {
  ctx.h = await campaignHarness();
  const { responses } = await ctx.h.command('new', { user: DEV });
  assert.match(String(responses[0]?.text), '/campaign link');
  assert.is(ctx.h.slack.callsTo('views.open').length, 0);
  assert.is(ctx.h.github.requests.length, 0);
});

t.run();

const off = suite<{ h: Harness }>('campaign form without sign-in set up', {} as { h: Harness });

off.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  await h.close();
});

off(
  'a point of contact nobody can link is pointed at an admin, not /campaign link',
  async (ctx) => {
    // Kim's token is already stored, so she can still publish; nobody new can sign in.
    ctx.h = await campaignHarness(baseOrg(), { GITHUB_APP_CLIENT_ID: '' });
    const msg = await refused(ctx.h, { poc: 'U0CAROL' }, 'poc');
    assert.match(msg, 'ask a Burndown admin to link them with /campaign map');
    assert.not.match(msg, '/campaign link');
  },
);

off(
  'someone not signed in is told sign-in is not set up, not to run /campaign link',
  async (ctx) => {
    ctx.h = await campaignHarness(baseOrg(), { GITHUB_APP_CLIENT_ID: '' });
    const { responses } = await ctx.h.command('new', { user: DEV });
    const text = String(responses[0]?.text);
    assert.match(text, 'not set up');
    assert.not.match(text, '/campaign link');
    assert.is(ctx.h.slack.callsTo('views.open').length, 0);
  },
);

off.run();
