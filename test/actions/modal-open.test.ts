// Slack's trigger_id lasts three seconds. Signing a person in (a token refresh) and reading
// the alert on GitHub can take longer, so a modal must open before either, and a modal that
// could not open must be said, not only logged.
import * as assert from 'uvu/assert';
import { DISMISS_VIEW } from '../../src/actions/dismiss-modal.ts';
import { REVIEW_VIEW } from '../../src/actions/review-modal.ts';
import { dismissalRequestEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';
import {
  actionSuite,
  alertWrites,
  click,
  codeAlert,
  current,
  modalFor,
  PEOPLE,
  payments,
  postAlert,
  privateTexts,
  requestInDm,
  submit,
} from './action-kit.ts';

const t = actionSuite('modals open at once', { captureLogs: true });

/** From the first GitHub request on, `triggerId` has expired: GitHub took its time. */
function slowGitHub(h: Harness, triggerId: string) {
  h.github.failNext(() => {
    h.slack.expireTrigger(triggerId);
    return false;
  }, {});
}

t('Dismiss… opens its form even when GitHub answers after the trigger expired', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  const triggerId = 'trigger-slow-github-dismiss';
  slowGitHub(h, triggerId);
  await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss', { triggerId });
  const view = await modalFor(h, triggerId);
  assert.is(view.callback_id, DISMISS_VIEW, 'the form replaced the loading modal');
  await submit(h, PEOPLE.bob.slack, view, {
    reason: { reason: staticSelectState('false_positive') },
    comment: { comment: plainTextState('') },
  });
  await waitFor(() => current(h, posted).edits.length > 0, 5000, 'the dismissal');
  assert.is(alertWrites(h).length, 1);
  assert.match(JSON.stringify(current(h, posted).blocks), 'Dismissed as *false positive*');
});

t('Approve opens its form even when signing in takes longer than the trigger', async ({ h }) => {
  await h.deliver(
    'dismissal_request_code_scanning',
    dismissalRequestEvent('created', {
      org: ORG,
      repo: { id: payments(h).repo.id, name: 'payments' },
      id: 779,
      alertNumber: 2,
      requester: PEOPLE.bob.login,
    }),
  );
  await h.drain();
  const request = await requestInDm(h, PEOPLE.lead.slack);
  const triggerId = 'trigger-slow-sign-in-approve';
  // Looking the person up is where a token refresh would make them wait.
  const identities = h.bot.ctx.repos.identities;
  const bySlackUser = identities.bySlackUser.bind(identities);
  identities.bySlackUser = async (id: string) => {
    const found = await bySlackUser(id);
    h.slack.expireTrigger(triggerId);
    return found;
  };
  await click(h, PEOPLE.lead.slack, request, 'dismissal:approve', { triggerId });
  const view = await modalFor(h, triggerId);
  assert.is(view.callback_id, REVIEW_VIEW);
  assert.match(JSON.stringify(view), 'Approve');
});

t('a modal Slack will not open is said privately, and logged with a code', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  h.slack.failNext('views.open', 'expired_trigger_id');
  const before = h.github.requests.length;
  await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
  const told = await waitFor(
    () => privateTexts(h, PEOPLE.bob.slack).find((x) => x.includes('did not open')),
    5000,
    'the private note',
  );
  assert.match(told, 'Click the button again');
  assert.is(h.github.requests.length, before, 'nothing was sent to GitHub');
  const logged = h.logs.find((l) => l.msg === 'modal not opened');
  assert.is(logged?.code, 'slack_request_failed');
  assert.is(logged?.slackError, 'expired_trigger_id');
});

t.run();
