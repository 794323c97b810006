import * as assert from 'uvu/assert';
import { nextAssignees } from '../../src/actions/assign-alert.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { usersSelectState } from '../helpers/slack-payloads.ts';
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
  privateTexts,
  secretAlert,
  submit,
} from './action-kit.ts';

const t = actionSuite('assign from Slack');

t('the new assignee list keeps everyone and adds or removes one, ignoring case', () => {
  assert.equal(nextAssignees(['dev-a'], { add: 'dev-b' }), ['dev-a', 'dev-b']);
  assert.equal(nextAssignees(['dev-a'], { add: 'DEV-A' }), ['dev-a']);
  assert.equal(nextAssignees(['dev-a', 'dev-b'], { remove: 'Dev-A' }), ['dev-b']);
});

t('Assign to me on an assigned code alert sends both logins', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 1));
  await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me');
  await waitFor(() => current(h, posted).edits.length > 0, 10_000, 'the update');
  assert.equal(alertWrites(h)[0]?.body, { assignees: ['dev-a', 'dev-b'] });
  assert.is(alertWrites(h)[0]?.login, 'dev-b');
  const shown = JSON.stringify(current(h, posted).blocks);
  assert.match(shown, '<@U0BOB> took this alert');
  assert.match(shown, 'alert:unassign', 'the clicker now sees Unassign me');
  const [entry] = await audit(h, 'camp-sqli');
  assert.is(entry?.action, 'assign');
  assert.is(entry?.result, 'ok');
  assert.is(entry?.reason, 'dev-a dev-b');
});

t(
  'Assign to… a mapped person sends the full list; an unmapped one is refused in the modal',
  async ({ h }) => {
    const posted = await postAlert(h, PEOPLE.lead.slack, codeAlert(h, 1));
    const { triggerId } = await click(h, PEOPLE.lead.slack, posted, 'alert:assign_to');
    const view = await modalFor(h, triggerId);

    const refused = await submit(h, PEOPLE.lead.slack, view, {
      assignee: { assignee: usersSelectState('U0NOBODY') },
    });
    const errors = (refused.body as { errors: Record<string, string> }).errors;
    assert.match(errors.assignee ?? '', '/campaign link');
    assert.is(alertWrites(h).length, 0);

    // Dave is linked by e-mail: enough to be assigned, not to act.
    await submit(h, PEOPLE.lead.slack, view, {
      assignee: { assignee: usersSelectState('U0DAVE') },
    });
    await waitFor(() => alertWrites(h).length === 1, 3000, 'the assignment');
    assert.equal(alertWrites(h)[0]?.body, { assignees: ['dev-a', 'dev-d'] });
    assert.is(alertWrites(h)[0]?.login, 'kim-lead');
    await waitFor(() => current(h, posted).edits.length > 0, 3000, 'the update');
    assert.match(JSON.stringify(current(h, posted).blocks), 'Assigned to <@U0DAVE> by <@U0ALICE>');
    const results = (await audit(h, 'camp-sqli', 2)).map((e) => `${e.action}:${e.result}`);
    assert.equal(results, ['assign:invalid_input', 'assign:ok']);
  },
);

t('Unassign me removes only the clicker', async ({ h }) => {
  payments_assign(h);
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 1), 'dev-b');
  await click(h, PEOPLE.bob.slack, posted, 'alert:unassign');
  await waitFor(() => alertWrites(h).length === 1, 10_000, 'the unassignment');
  assert.equal(alertWrites(h)[0]?.body, { assignees: ['dev-a'] });
  const [entry] = await audit(h, 'camp-sqli');
  assert.is(entry?.action, 'unassign');
  assert.is(entry?.result, 'ok');
});

const assignmentNotices = (h: Harness, user: string) =>
  h.slack.messagesIn(user).filter((m) => /You were (un)?assigned/.test(m.text));

t(
  'taking or dropping an alert yourself sends you no DM; assigning someone else does',
  async ({ h }) => {
    // Burndown has seen the alert before, so a change to it is news worth telling.
    await h.bot.ctx.repos.alerts.put(codeAlert(h, 1));
    const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 1));
    await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me');
    await waitFor(() => current(h, posted).edits.length > 0, 10_000, 'the assignment');
    await click(h, PEOPLE.bob.slack, posted, 'alert:unassign');
    await waitFor(() => current(h, posted).edits.length > 1, 10_000, 'the unassignment');
    await h.drain();
    assert.equal(assignmentNotices(h, PEOPLE.bob.slack), [], 'Bob did it himself');

    const lead = await postAlert(h, PEOPLE.lead.slack, codeAlert(h, 1));
    const { triggerId } = await click(h, PEOPLE.lead.slack, lead, 'alert:assign_to');
    await submit(h, PEOPLE.lead.slack, await modalFor(h, triggerId), {
      assignee: { assignee: usersSelectState('U0DAVE') },
    });
    await waitFor(() => assignmentNotices(h, 'U0DAVE').length === 1, 5000, 'Dave told');
  },
);

t('a secret alert takes one assignee', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.lead.slack, secretAlert(h, 1));
  await click(h, PEOPLE.lead.slack, posted, 'alert:assign_me');
  await waitFor(() => alertWrites(h).length === 1, 10_000, 'the assignment');
  assert.equal(alertWrites(h)[0]?.body, { assignee: 'kim-lead' });
  assert.not.match(JSON.stringify(h.slack.calls), 'ghp_SHOULD_NEVER_APPEAR');
});

t('a GitHub refusal (422) is explained privately and audited', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  h.github.failNext('code-scanning/update-alert', { status: 422, message: 'Validation Failed' });
  await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me');
  const told = await waitFor(
    () => privateTexts(h, PEOPLE.bob.slack).find((x) => x.includes('Could not assign')),
    10_000,
    'the explanation',
  );
  assert.match(told, 'did not accept');
  assert.is(current(h, posted).edits.length, 0);
  const [entry] = await audit(h, 'camp-sqli');
  assert.is(entry?.result, 'conflict');
});

function payments_assign(h: Harness) {
  const repo = h.github.state.repos['acme/payments'];
  const alert = repo?.codeAlerts.find((a) => a.number === 1);
  const bob = h.github.state.users['dev-b'];
  if (alert && bob) alert.assignees.push(bob);
}

t.run();
