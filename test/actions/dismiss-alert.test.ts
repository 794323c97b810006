import * as assert from 'uvu/assert';
import { waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';
import {
  actionSuite,
  alertWrites,
  audit,
  click,
  codeAlert,
  current,
  modalFor,
  PEOPLE,
  postAlert,
  postAlerts,
  privateTexts,
  secretAlert,
  submit,
} from './action-kit.ts';

const t = actionSuite('dismiss and resolve from Slack');

const dismissValues = (reason: string, comment = '') => ({
  reason: { reason: staticSelectState(reason) },
  comment: { comment: plainTextState(comment) },
});

t(
  'choosing "false positive" sends exactly `false positive` and updates the message',
  async ({ h }) => {
    const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
    const { triggerId } = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
    const view = await modalFor(h, triggerId);
    const res = await submit(
      h,
      PEOPLE.bob.slack,
      view,
      dismissValues('false_positive', 'Input is a constant'),
    );
    assert.is(res.status, 200);
    await waitFor(() => current(h, posted).edits.length > 0, 3000, 'the message update');

    const writes = alertWrites(h);
    assert.is(writes.length, 1);
    assert.equal(writes[0]?.body, {
      state: 'dismissed',
      dismissed_reason: 'false positive',
      dismissed_comment: 'Input is a constant',
    });
    assert.is(writes[0]?.login, 'dev-b', 'sent with the clicker’s own token');
    const shown = JSON.stringify(current(h, posted).blocks);
    assert.match(shown, 'Dismissed as *false positive* by <@U0BOB>');
    assert.match(shown, 'alert:reopen', 'a dismissed alert offers Reopen');
    assert.not.match(shown, 'alert:dismiss"');

    const entries = await audit(h, 'camp-sqli');
    assert.is(entries.length, 1);
    assert.is(entries[0]?.action, 'dismiss');
    assert.is(entries[0]?.result, 'ok');
    assert.is(entries[0]?.reason, 'false positive');
    assert.is(entries[0]?.githubLogin, 'dev-b');
    assert.is(entries[0]?.slackUserId, 'U0BOB');
  },
);

t('in a message listing two alerts only the dismissed one changes', async ({ h }) => {
  const posted = await postAlerts(h, PEOPLE.bob.slack, [codeAlert(h, 1), codeAlert(h, 2)]);
  const { triggerId } = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss:2');
  await submit(h, PEOPLE.bob.slack, await modalFor(h, triggerId), dismissValues('mitigated'));
  await waitFor(() => current(h, posted).edits.length > 0, 3000, 'the message update');
  const blocks = current(h, posted).blocks as { block_id?: string; elements?: unknown[] }[];
  const ids = JSON.stringify(blocks.map((b) => b.elements ?? []));
  assert.match(ids, '"alert:dismiss:1"', 'the first alert keeps its buttons');
  assert.match(ids, '"alert:reopen:2"', 'the second offers Reopen, still suffixed');
  assert.is(alertWrites(h)[0]?.path, '/repos/acme/payments/code-scanning/alerts/2');
});

t('a 281-character comment is refused in the modal and nothing is sent', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  const { triggerId } = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
  const view = await modalFor(h, triggerId);
  const res = await submit(h, PEOPLE.bob.slack, view, dismissValues('wont_fix', 'x'.repeat(281)));

  const body = res.body as { response_action: string; errors: Record<string, string> };
  assert.is(body.response_action, 'errors');
  assert.match(body.errors.comment ?? '', 'at most 280 characters');
  assert.match(body.errors.comment ?? '', '281');
  await new Promise((r) => setTimeout(r, 50));
  assert.is(alertWrites(h).length, 0);
  assert.is(current(h, posted).edits.length, 0);
  const entries = await audit(h, 'camp-sqli');
  assert.is(entries.length, 1);
  assert.is(entries[0]?.result, 'invalid_input');
});

t('a 280-character comment is accepted', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  const { triggerId } = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
  const view = await modalFor(h, triggerId);
  await submit(h, PEOPLE.bob.slack, view, dismissValues('used_in_tests', 'y'.repeat(280)));
  await waitFor(() => alertWrites(h).length === 1, 3000, 'the dismissal');
  assert.is(
    (alertWrites(h)[0]?.body as { dismissed_reason?: string } | undefined)?.dismissed_reason,
    'used in tests',
  );
});

t(
  'a person linked by e-mail only gets a hint to sign in and GitHub gets no request',
  async ({ h }) => {
    const posted = await postAlert(h, PEOPLE.dave.slack, codeAlert(h, 2));
    const before = h.github.requests.length;
    const { triggerId } = await click(h, PEOPLE.dave.slack, posted, 'alert:dismiss');
    // The modal opens at once, then says how to sign in instead of showing the form.
    const modal = await modalFor(h, triggerId);
    const hint = JSON.stringify(modal.blocks);
    assert.match(hint, '/campaign link');
    assert.match(hint, 'dev-d');
    assert.match(hint, 'e-mail');
    assert.not.ok(modal.submit, 'nothing to submit');
    assert.is(h.github.requests.length, before, 'no GitHub request at all');
    const entries = await audit(h, 'camp-sqli');
    assert.is(entries.length, 1);
    assert.is(entries[0]?.result, 'not_signed_in');
  },
);

t('GitHub refusing a reader (403) is explained privately and the message stays', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.carol.slack, codeAlert(h, 2));
  const { triggerId } = await click(h, PEOPLE.carol.slack, posted, 'alert:dismiss');
  const view = await modalFor(h, triggerId);
  await submit(h, PEOPLE.carol.slack, view, dismissValues('false_positive'));
  const told = await waitFor(
    () => privateTexts(h, PEOPLE.carol.slack).find((x) => x.includes('Could not dismiss')),
    3000,
    'the explanation',
  );
  assert.match(told, 'lacks the permission');
  assert.match(told, 'write access');
  const patch = h.github.requests.find((r) => r.method === 'PATCH');
  assert.is(patch?.status, 403);
  assert.is(current(h, posted).edits.length, 0, 'message unchanged');
  const entries = await audit(h, 'camp-sqli');
  assert.is(entries.length, 1);
  assert.is(entries[0]?.result, 'forbidden');
  assert.is(entries[0]?.githubLogin, 'dev-c');
});

t('the second of two dismissals in a row is told who dismissed it first', async ({ h }) => {
  const bobs = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  const leads = await postAlert(h, PEOPLE.lead.slack, codeAlert(h, 2));
  // The lead opens the modal first, Bob dismisses, then the lead submits.
  const lead = await click(h, PEOPLE.lead.slack, leads, 'alert:dismiss');
  const leadView = await modalFor(h, lead.triggerId);
  const bob = await click(h, PEOPLE.bob.slack, bobs, 'alert:dismiss');
  await submit(
    h,
    PEOPLE.bob.slack,
    await modalFor(h, bob.triggerId),
    dismissValues('false_positive'),
  );
  await waitFor(() => current(h, bobs).edits.length > 0, 3000, 'Bob’s update');
  await submit(h, PEOPLE.lead.slack, leadView, dismissValues('wont_fix'));
  const told = await waitFor(
    () => privateTexts(h, PEOPLE.lead.slack).find((x) => x.includes('already dismissed')),
    3000,
    'the lead’s notice',
  );
  assert.match(told, 'by <@U0BOB>');
  assert.match(told, 'false positive');
  assert.is(alertWrites(h).length, 1, 'only the first dismissal reached GitHub');

  // A later click on Dismiss… says the same in its modal, instead of the form.
  const again = await click(h, PEOPLE.lead.slack, leads, 'alert:dismiss');
  const modal = await modalFor(h, again.triggerId);
  assert.match(JSON.stringify(modal.blocks), 'already dismissed by <@U0BOB>');
  assert.not.ok(modal.submit, 'no form to submit');
  const results = (await audit(h, 'camp-sqli', 3)).map((e) => `${e.slackUserId}:${e.result}`);
  assert.equal(results, ['U0BOB:ok', 'U0ALICE:already_done', 'U0ALICE:already_done']);
});

t('two dismissals within the same moment: one goes through, the other hears who', async ({ h }) => {
  const bobs = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  const leads = await postAlert(h, PEOPLE.lead.slack, codeAlert(h, 2));
  const lead = await click(h, PEOPLE.lead.slack, leads, 'alert:dismiss');
  const bob = await click(h, PEOPLE.bob.slack, bobs, 'alert:dismiss');
  const views = [await modalFor(h, lead.triggerId), await modalFor(h, bob.triggerId)];
  h.github.failNext('code-scanning/update-alert', { delayMs: 150 });
  await Promise.all([
    submit(h, PEOPLE.lead.slack, views[0]!, dismissValues('wont_fix')),
    submit(h, PEOPLE.bob.slack, views[1]!, dismissValues('false_positive')),
  ]);
  await waitFor(async () => (await audit(h)).length === 2, 3000, 'both outcomes');
  assert.is(alertWrites(h).length, 1);
  const entries = await audit(h);
  const winner = entries.find((e) => e.result === 'ok');
  const loser = entries.find((e) => e.result === 'already_done');
  assert.ok(winner && loser);
  assert.match(loser?.detail ?? '', `<@${winner?.slackUserId}>`);
});

t('resolving a secret sends GitHub’s own spelling and never shows the secret', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.lead.slack, secretAlert(h, 1));
  const { triggerId } = await click(h, PEOPLE.lead.slack, posted, 'alert:dismiss');
  const view = await modalFor(h, triggerId);
  assert.match(JSON.stringify(view), 'Resolve');
  await submit(h, PEOPLE.lead.slack, view, dismissValues('wont_fix', 'Test fixture'));
  await waitFor(() => current(h, posted).edits.length > 0, 3000, 'the update');
  assert.equal(alertWrites(h)[0]?.body, {
    state: 'resolved',
    resolution: 'wont_fix',
    resolution_comment: 'Test fixture',
  });
  const reads = h.github.requests.filter((r) => r.operationId === 'secret-scanning/get-alert');
  assert.ok(reads.length > 0 && reads.every((r) => r.query.hide_secret === 'true'));
  assert.not.match(JSON.stringify(h.slack.calls), 'ghp_SHOULD_NEVER_APPEAR');
  assert.match(JSON.stringify(current(h, posted).blocks), "Resolved as *won't fix*");
});

t('reopening a dismissed alert sends state open and says who', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  const first = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
  await submit(h, PEOPLE.bob.slack, await modalFor(h, first.triggerId), dismissValues('mitigated'));
  await waitFor(() => current(h, posted).edits.length === 1, 3000, 'the dismissal');
  await click(h, PEOPLE.bob.slack, posted, 'alert:reopen');
  await waitFor(() => current(h, posted).edits.length === 2, 3000, 'the reopen');
  assert.equal(alertWrites(h)[1]?.body, { state: 'open' });
  assert.match(JSON.stringify(current(h, posted).blocks), 'Reopened by <@U0BOB>');
  const results = (await audit(h, 'camp-sqli', 2)).map((e) => `${e.action}:${e.result}`);
  assert.equal(results, ['dismiss:ok', 'reopen:ok']);
});

t.run();
