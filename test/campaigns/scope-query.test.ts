import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findScope } from '../../src/campaigns/scope-query.ts';
import type { Harness } from '../helpers/harness.ts';
import { baseOrg, campaignHarness } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('findScope', {} as { h: Harness });

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  await h.close();
});

t('alerts without a security severity are never selected as critical', async (ctx) => {
  const codeAlerts = [1, 2, 3].map((n) => ({
    repo: 'payments',
    number: n,
    ruleId: 'js/sql-injection',
    severity: 'error' as const,
    securitySeverity: null,
  }));
  ctx.h = await campaignHarness(baseOrg({ codeAlerts }));
  const run = (template: string) => findScope(ctx.h.bot.ctx, { kind: 'code', template });
  assert.is((await run('code-critical')).alerts.length, 0);
  assert.is((await run('code-high-critical')).alerts.length, 0);
  const all = await findScope(ctx.h.bot.ctx, { kind: 'code', template: 'custom' });
  assert.equal(
    all.alerts.map((a) => a.severity),
    ['unknown', 'unknown', 'unknown'],
  );
});

t('CWE templates match the zero-padded CWE tags of the rules', async (ctx) => {
  ctx.h = await campaignHarness();
  const sqli = await findScope(ctx.h.bot.ctx, { kind: 'code', template: 'code-cwe-89' });
  assert.equal(
    sqli.alerts.map((a) => a.ruleId),
    ['js/sql-injection'],
  );
  const paths = await findScope(ctx.h.bot.ctx, { kind: 'code', template: 'code-cwe-22' });
  assert.equal(
    paths.alerts.map((a) => a.ruleId),
    ['js/zipslip'],
  );
});

t('secret scopes always ask GitHub to hide the secret and never hold it', async (ctx) => {
  ctx.h = await campaignHarness(
    baseOrg({
      secretAlerts: [
        {
          repo: 'web',
          number: 1,
          secretType: 'aws_access_key_id',
          validity: 'active',
          secret: 'AKIAFAKE123',
        },
        { repo: 'web', number: 2, secretType: 'slack_api_token', validity: 'inactive' },
      ],
    }),
  );
  const scope = await findScope(ctx.h.bot.ctx, { kind: 'secret', template: 'secret-active' });
  assert.is(scope.alerts.length, 1);
  const reads = ctx.h.github.requests.filter(
    (r) => r.operationId === 'secret-scanning/list-alerts-for-org',
  );
  assert.ok(reads.length > 0);
  for (const r of reads) assert.is(r.query.hide_secret, 'true');
  assert.not.match(JSON.stringify(scope), 'AKIAFAKE123');
});

t.run();
