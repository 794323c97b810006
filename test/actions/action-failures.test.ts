// A failure on Burndown's side (the store restarting, most often) must neither go unheard nor
// turn something GitHub did into a reported failure.
import * as assert from 'uvu/assert';
import { ASSIGN_VIEW } from '../../src/actions/assign-to-modal.ts';
import { waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';
import {
  actionSuite,
  alertWrites,
  audit,
  breakStore,
  click,
  codeAlert,
  current,
  modalFor,
  PEOPLE,
  postAlert,
  privateTexts,
  requestInDm,
  submit,
} from './action-kit.ts';

const t = actionSuite('failures on Burndown’s side');

const warnings = (h: Parameters<typeof privateTexts>[0], user: string) =>
  privateTexts(h, user).filter((x) => x.startsWith(':warning:'));

t('the store failing before GitHub is asked is told, and nothing is sent', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  // The claim on the alert is the first write of an action.
  breakStore(h, 'set', ([key]) => String(key).startsWith('actions:busy:'));
  await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me');
  const told = await waitFor(() => warnings(h, PEOPLE.bob.slack)[0], 5000, 'the warning');
  assert.match(told, 'Could not assign the alert to you');
  assert.match(told, 'try again');
  assert.is(alertWrites(h).length, 0);
  assert.is(current(h, posted).edits.length, 0);
  const [entry] = await audit(h, 'camp-sqli');
  assert.is(entry?.result, 'failed');
});

t('an audit entry that cannot be written does not make a done action a failure', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  breakStore(h, 'rPush', ([key]) => String(key).startsWith('audit:'), 5);
  await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me');
  await waitFor(() => current(h, posted).edits.length > 0, 5000, 'the redraw');
  assert.match(JSON.stringify(current(h, posted).blocks), '<@U0BOB> took this alert');
  assert.is(alertWrites(h).length, 1);
  assert.equal(warnings(h, PEOPLE.bob.slack), []);
});

t('a review GitHub took is shown as done though the store failed right after', async ({ h }) => {
  // Bob's dismissal needs review: GitHub holds it as a request, the lead gets it in Slack.
  const bobs = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  h.github.failNext('code-scanning/update-alert', {
    status: 403,
    message: 'Dismissing this alert requires a review: file a dismissal request instead.',
  });
  const asked = await click(h, PEOPLE.bob.slack, bobs, 'alert:dismiss');
  await submit(h, PEOPLE.bob.slack, await modalFor(h, asked.triggerId), {
    reason: { reason: staticSelectState('false_positive') },
    comment: { comment: plainTextState('Sanitised upstream') },
  });
  const request = await requestInDm(h, PEOPLE.lead.slack);
  const review = await click(h, PEOPLE.lead.slack, request, 'dismissal:approve');
  const modal = await modalFor(h, review.triggerId);
  // Marking the decision as told is the store write that follows GitHub's answer.
  breakStore(
    h,
    'set',
    ([key, value]) => String(key).startsWith('dismissal-decision:') && value === 'told',
  );
  await submit(h, PEOPLE.lead.slack, modal, { message: { message: plainTextState('Agreed.') } });
  await waitFor(() => current(h, request).edits.length > 0, 5000, 'the request redrawn');
  assert.match(JSON.stringify(current(h, request).blocks), 'Dismissal approved by <@U0ALICE>');
  assert.equal(warnings(h, PEOPLE.lead.slack), [], 'the reviewer is not told it failed');
  await waitFor(
    () => h.slack.messagesIn(PEOPLE.bob.slack).some((m) => m.text.includes('approved')),
    3000,
    'the requester told',
  );
  const results = (await audit(h, 'camp-sqli', 2)).map((e) => `${e.action}:${e.result}`);
  assert.equal(results, ['dismiss:requested', 'dismissal_review:ok']);
});

t(
  'the store failing while a modal is submitted keeps the modal open and says so',
  async ({ h }) => {
    const posted = await postAlert(h, PEOPLE.lead.slack, codeAlert(h, 2));
    const { triggerId } = await click(h, PEOPLE.lead.slack, posted, 'alert:assign_to');
    const view = await modalFor(h, triggerId);
    assert.is(view.callback_id, ASSIGN_VIEW);
    breakStore(h, 'get', ([key]) => String(key).startsWith('identity:slack:'));
    const res = await submit(h, PEOPLE.lead.slack, view, {
      assignee: { assignee: { type: 'users_select', selected_user: PEOPLE.bob.slack } },
    });
    assert.is(res.status, 200);
    const body = res.body as { response_action?: string; errors?: Record<string, string> };
    assert.is(body.response_action, 'errors');
    assert.match(body.errors?.assignee ?? '', 'could not take this just now');
    assert.is(alertWrites(h).length, 0);
  },
);

t.run();
