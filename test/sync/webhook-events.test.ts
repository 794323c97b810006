import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { GITHUB_DELIVERIES } from '../../src/queue/streams.ts';
import {
  codeScanningAlertEvent,
  codeScanningReopenedWithNullAlert,
  secretScanningAlertEvent,
  secretScanningAlertLocationEvent,
} from '../fixtures/github-webhooks.ts';
import { ORG } from '../helpers/harness.ts';
import { dms, hasButtons, rejected, startWorld, type World } from './sync-world.ts';

const t = suite<{ w: World }>('alert webhooks become notices', {} as { w: World });

t.before.each(async (ctx) => {
  ctx.w = await startWorld({ captureLogs: true });
});

t.after.each(async ({ w }) => {
  w.h.github.assertNoViolations();
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

const repoOf = (w: World) => {
  const r = w.repos[0]!.repo;
  return { id: r.id, name: r.name, full_name: r.full_name };
};

async function send(w: World, event: string, payload: unknown, deliveryId?: string) {
  const res = await w.h.deliver(event, payload, deliveryId ? { deliveryId } : {});
  await w.h.drain();
  return res;
}

t('a rule without a security severity is shown as unknown severity', async ({ w }) => {
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: repoOf(w),
    number: 1,
    rule: { id: 'js/unused-local-variable', security_severity_level: null, severity: 'note' },
    assignees: ['dev-b'],
  });
  const res = await send(w, 'code_scanning_alert', payload);
  assert.is(res.status, 202);
  const [dm] = dms(w.h, 'U0BOB');
  assert.ok(dm, 'the assignee got a DM');
  assert.match(JSON.stringify(dm!.blocks), 'Unknown severity');
  assert.not.match(JSON.stringify(dm!.blocks), ':red_circle: Critical');
  assert.is(w.h.logs.filter((l) => Number(l.level) >= 50).length, 0);
});

t('a reopened delivery with a null alert is acknowledged and logged, once', async ({ w }) => {
  const payload = codeScanningReopenedWithNullAlert({ org: ORG, repo: repoOf(w) });
  const first = await send(w, 'code_scanning_alert', payload);
  const again = await send(w, 'code_scanning_alert', payload);
  assert.is(first.status, 202);
  assert.is(again.status, 202);
  const stats = await w.h.kv.queueStats(GITHUB_DELIVERIES.stream, GITHUB_DELIVERIES.group);
  assert.is(stats.pending, 0, 'nothing left to retry: no crash loop');
  const skipped = w.h.logs.filter((l) => l.msg === 'code scanning delivery without alert; skipped');
  assert.is(skipped.length, 2);
  // Each line names the delivery it is about, for an operator searching the logs.
  for (const line of skipped) {
    assert.is(line.event, 'code_scanning_alert');
    assert.is(line.action, 'reopened');
    assert.type(line.deliveryId, 'string');
  }
  assert.is(new Set(skipped.map((l) => l.deliveryId)).size, 2);
  assert.is(w.h.slack.callsTo('chat.postMessage').length, 0);
});

t('a secret resolved as revoked counts as fixed and its DM is redrawn', async ({ w }) => {
  const base = { org: ORG, repo: repoOf(w), number: 1 };
  await send(
    w,
    'secret_scanning_alert',
    secretScanningAlertEvent('assigned', {
      ...base,
      assignee: 'dev-b',
    }),
  );
  const [assigned] = dms(w.h, 'U0BOB');
  assert.ok(assigned && hasButtons(assigned), 'assignment DM with buttons');
  await send(
    w,
    'secret_scanning_alert',
    secretScanningAlertEvent('resolved', {
      ...base,
      assigned_to: 'dev-b',
      resolution: 'revoked',
      resolved_by: 'dev-c',
    }),
  );
  const stored = await w.h.bot.ctx.repos.alerts.get({
    kind: 'secret',
    repoId: base.repo.id,
    number: 1,
  });
  assert.is(stored?.status, 'fixed');
  const [redrawn, notice] = dms(w.h, 'U0BOB');
  assert.is(redrawn!.edits.length, 1, 'the first DM was edited in place');
  assert.not.ok(hasButtons(redrawn!), 'no buttons on a fixed alert');
  assert.match(JSON.stringify(redrawn!.blocks), 'Fixed: revoked');
  assert.match(JSON.stringify(notice!.blocks), 'reason `revoked`');
  assert.match(JSON.stringify(notice!.blocks), '<@U0CAROL>');
});

t('a secret resolved as false_positive is dismissed and its assignee told why', async ({ w }) => {
  const base = { org: ORG, repo: repoOf(w), number: 1 };
  await send(
    w,
    'secret_scanning_alert',
    secretScanningAlertEvent('assigned', {
      ...base,
      assignee: 'dev-b',
    }),
  );
  await send(
    w,
    'secret_scanning_alert',
    secretScanningAlertEvent('resolved', {
      ...base,
      assigned_to: 'dev-b',
      resolution: 'false_positive',
      resolution_comment: 'Sample key <!channel> from the docs',
      resolved_by: 'dev-c',
    }),
  );
  const stored = await w.h.bot.ctx.repos.alerts.get({
    kind: 'secret',
    repoId: base.repo.id,
    number: 1,
  });
  assert.is(stored?.status, 'dismissed');
  const notice = dms(w.h, 'U0BOB')[1];
  const text = JSON.stringify(notice?.blocks);
  assert.match(text, 'Dismissed: resolved (false_positive)');
  assert.match(text, 'reason `false_positive`');
  assert.match(text, 'Sample key &lt;!channel&gt; from the docs');
  assert.is(dms(w.h, 'U0CAROL').length, 0, 'the person who resolved it is not told');
});

t('updated_assignment DMs only who was added, and tells who was removed', async ({ w }) => {
  const assign = (assignees: string[]) =>
    codeScanningAlertEvent('updated_assignment', {
      org: ORG,
      repo: repoOf(w),
      number: 1,
      assignees,
    });
  await send(w, 'code_scanning_alert', assign(['dev-b']));
  await send(w, 'code_scanning_alert', assign(['dev-b', 'dev-c']));
  assert.is(dms(w.h, 'U0BOB').length, 1, 'a is not told again');
  assert.is(dms(w.h, 'U0CAROL').length, 1, 'b gets one DM');
  assert.match(dms(w.h, 'U0CAROL')[0]!.text, 'You were assigned');
  await send(w, 'code_scanning_alert', assign(['dev-c']));
  const bob = dms(w.h, 'U0BOB');
  assert.is(bob.length, 2);
  assert.match(bob[1]!.text, 'You were unassigned from an alert');
  assert.is(dms(w.h, 'U0CAROL').length, 1, 'b is not told about a removal');
});

t('a 5,000-character rule description is cut, with a link to GitHub', async ({ w }) => {
  const long = `${'Untrusted data reaches a dangerous sink. '.repeat(125)}`.slice(0, 5000);
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: repoOf(w),
    number: 2,
    rule: { id: 'js/long-rule', description: long },
    assignees: ['dev-b'],
  });
  await send(w, 'code_scanning_alert', payload);
  const [dm] = dms(w.h, 'U0BOB');
  assert.ok(dm, 'sent, not refused');
  const sections = (dm!.blocks ?? []) as { type: string; text?: { text: string } }[];
  const line = sections.find((b) => b.text?.text.includes('Untrusted data'))!.text!.text;
  assert.ok(line.length < 3000);
  assert.match(line, '…');
  assert.match(line, `<${payload.alert.html_url}|`);
  assert.ok(dm!.text.length <= 1500, 'the fallback text is cut too');
  const refused = w.h.slack.calls.filter((c) => c.response.error === 'invalid_blocks');
  assert.is(refused.length, 0);
});

t('the same change delivered twice sends one DM', async ({ w }) => {
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: repoOf(w),
    number: 1,
    assignees: ['dev-b'],
  });
  await send(w, 'code_scanning_alert', payload, 'delivery-1');
  await send(w, 'code_scanning_alert', payload, 'delivery-1');
  await send(w, 'code_scanning_alert', payload, 'delivery-1-redelivered');
  assert.is(dms(w.h, 'U0BOB').length, 1);
});

t('a dismissal on GitHub after the DM redraws it and tells the point of contact', async ({ w }) => {
  const common = { org: ORG, repo: repoOf(w), number: 1, assignees: ['dev-b'] };
  await send(w, 'code_scanning_alert', codeScanningAlertEvent('updated_assignment', common));
  const [dm] = dms(w.h, 'U0BOB');
  assert.ok(hasButtons(dm!), 'the DM starts with buttons');
  assert.match(JSON.stringify(dm!.blocks), 'Critical SQL injection', 'why now: the campaign');
  assert.match(JSON.stringify(dm!.blocks), 'point of contact <@U0ALICE>');
  await send(
    w,
    'code_scanning_alert',
    codeScanningAlertEvent('closed_by_user', {
      ...common,
      dismissed_by: 'dev-c',
      dismissed_reason: "won't fix",
      dismissed_comment: 'Legacy endpoint, removed next sprint.',
    }),
  );
  const [redrawn] = dms(w.h, 'U0BOB');
  assert.is(redrawn!.edits.length, 1);
  assert.not.ok(hasButtons(redrawn!), 'buttons gone');
  assert.match(JSON.stringify(redrawn!.blocks), "Dismissed (won't fix)");
  const [poc] = dms(w.h, 'U0ALICE');
  const text = JSON.stringify(poc?.blocks);
  assert.match(text, 'Dismissed on GitHub by <@U0CAROL>');
  assert.match(text, "reason `won't fix`");
  assert.match(text, 'Legacy endpoint, removed next sprint.');
  const update = w.h.slack.callsTo('chat.update')[0];
  assert.match(String(update?.args.channel), /^D/, 'edited by conversation id, not user id');
});

t(
  'a dismissal that also clears the assignee sends one notice, not an unassignment too',
  async ({ w }) => {
    const common = { org: ORG, repo: repoOf(w), number: 1 };
    await send(
      w,
      'code_scanning_alert',
      codeScanningAlertEvent('updated_assignment', { ...common, assignees: ['dev-b'] }),
    );
    await send(
      w,
      'code_scanning_alert',
      codeScanningAlertEvent('closed_by_user', {
        ...common,
        assignees: [],
        dismissed_by: 'dev-c',
        dismissed_reason: 'false positive',
      }),
    );
    const texts = dms(w.h, 'U0BOB').map((m) => JSON.stringify(m));
    assert.is(texts.length, 2, 'the assignment DM and one closure notice');
    assert.not.ok(
      texts.some((t) => /unassigned/i.test(t)),
      'no separate unassignment notice',
    );
    assert.ok(texts.some((t) => t.includes('false positive')));
  },
);

t('a secret location delivery is observed without sending anything new', async ({ w }) => {
  const payload = secretScanningAlertLocationEvent({ org: ORG, repo: repoOf(w), number: 4 });
  const res = await send(w, 'secret_scanning_alert_location', payload);
  assert.is(res.status, 202);
  const stored = await w.h.bot.ctx.repos.alerts.get({
    kind: 'secret',
    repoId: repoOf(w).id,
    number: 4,
  });
  assert.is(stored?.status, 'open');
  assert.is(w.h.slack.callsTo('chat.postMessage').length, 0);
});

t('an alert of another organization the App is installed on sends nothing', async ({ w }) => {
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: 'elsewhere-inc',
    repo: { id: 999_001, name: 'web' },
    number: 1,
    assignees: ['dev-b'],
  });
  const res = await send(w, 'code_scanning_alert', payload);
  assert.is(res.status, 202, 'GitHub is answered all the same');
  assert.equal(dms(w.h, 'U0BOB'), []);
  assert.ok(w.h.logs.some((l) => l.msg === 'delivery for another organization; ignored'));
  assert.is(await w.h.bot.ctx.repos.alerts.get({ kind: 'code', repoId: 999_001, number: 1 }), null);
});

t('assigning yourself on GitHub sends you no DM about it', async ({ w }) => {
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: repoOf(w),
    number: 1,
    assignees: ['dev-b'],
    sender: 'dev-b',
  });
  await send(w, 'code_scanning_alert', payload);
  assert.equal(dms(w.h, 'U0BOB'), []);
});

t.run();
