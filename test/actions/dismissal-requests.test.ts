import * as assert from 'uvu/assert';
import { dismissalRequestEvent } from '../fixtures/github-webhooks.ts';
import { ORG, waitFor } from '../helpers/harness.ts';
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
  payments,
  postAlert,
  requestInDm,
  retryPending,
  submit,
} from './action-kit.ts';

const t = actionSuite('dismissal requests');

const REVIEW_REQUIRED = {
  status: 403,
  message: 'Dismissing this alert requires a review: file a dismissal request instead.',
};

t(
  'a dismissal needing review becomes a request the point of contact approves in Slack',
  async ({ h }) => {
    const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
    h.github.failNext('code-scanning/update-alert', REVIEW_REQUIRED);
    const { triggerId } = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
    await submit(h, PEOPLE.bob.slack, await modalFor(h, triggerId), {
      reason: { reason: staticSelectState('false_positive') },
      comment: { comment: plainTextState('Sanitised upstream') },
    });

    const request = await requestInDm(h, PEOPLE.lead.slack);
    // One bold heading: a nested `*…*` would end the bold early in Slack.
    assert.match(JSON.stringify(request.blocks), 'asks to dismiss an alert as “false positive”*');
    assert.match(JSON.stringify(request.blocks), 'Sanitised upstream');
    const sent = alertWrites(h).map((w) => w.body as Record<string, unknown>);
    assert.is(sent.length, 2);
    assert.is(sent[1]?.create_request, true);
    assert.is(sent[1]?.dismissed_reason, 'false positive');
    await waitFor(() => current(h, posted).edits.length > 0, 3000, 'Bob’s message update');
    assert.match(JSON.stringify(current(h, posted).blocks), 'asked to dismiss');
    assert.match(JSON.stringify(current(h, posted).blocks), '<@U0ALICE> was asked to approve it');

    const review = await click(h, PEOPLE.lead.slack, request, 'dismissal:approve');
    await submit(h, PEOPLE.lead.slack, await modalFor(h, review.triggerId), {
      message: { message: plainTextState('Agreed, the input is sanitised.') },
    });
    await waitFor(
      () => h.slack.messagesIn(PEOPLE.bob.slack).some((m) => m.text.includes('approved')),
      3000,
      'the requester’s notice',
    );
    const decision = h.github.requests.find(
      (r) => r.operationId === 'code-scanning/review-dismissal-request-for-repo',
    );
    assert.equal(decision?.body, { status: 'approve', message: 'Agreed, the input is sanitised.' });
    assert.is(decision?.login, 'kim-lead', 'decided with the reviewer’s own token');
    const notice = h.slack.messagesIn(PEOPLE.bob.slack).find((m) => m.text.includes('approved'));
    assert.match(notice?.text ?? '', 'by <@U0ALICE>');
    await waitFor(() => current(h, request).edits.length > 0, 3000, 'the request update');
    assert.match(JSON.stringify(current(h, request).blocks), 'Dismissal approved by <@U0ALICE>');
    assert.not.match(JSON.stringify(current(h, request).blocks), 'dismissal:approve');

    // The next dismissal by the same person goes straight to a request.
    const other = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 1));
    const again = await click(h, PEOPLE.bob.slack, other, 'alert:dismiss');
    await submit(h, PEOPLE.bob.slack, await modalFor(h, again.triggerId), {
      reason: { reason: staticSelectState('wont_fix') },
      comment: { comment: plainTextState('') },
    });
    await waitFor(() => alertWrites(h).length === 3, 3000, 'the second request');
    assert.is(
      (alertWrites(h)[2]?.body as { create_request?: boolean } | undefined)?.create_request,
      true,
    );

    const results = (await audit(h, 'camp-sqli', 3)).map((e) => `${e.action}:${e.result}`);
    assert.equal(results, ['dismiss:requested', 'dismissal_review:ok', 'dismiss:requested']);
  },
);

t(
  'a request filed on GitHub reaches the point of contact once, from the webhook',
  async ({ h }) => {
    const payload = dismissalRequestEvent('created', {
      org: ORG,
      repo: { id: payments(h).repo.id, name: 'payments' },
      id: 777,
      alertNumber: 2,
      requester: 'dev-a',
      requesterComment: '<!channel> only a test fixture',
    });
    await h.deliver('dismissal_request_code_scanning', payload);
    await h.deliver('dismissal_request_code_scanning', payload);
    await h.drain();
    const requests = h.slack
      .messagesIn(PEOPLE.lead.slack)
      .filter((m) => m.text.includes('asks to dismiss'));
    assert.is(requests.length, 1);
    const shown = JSON.stringify(requests[0]?.blocks);
    assert.match(shown, '&lt;!channel&gt; only a test fixture');
    assert.not.match(shown, '<!channel>');
    assert.match(shown, 'dismissal:deny');
    assert.is(alertWrites(h).length, 0);
  },
);

t('a request whose post to Slack failed once still reaches the point of contact', async ({ h }) => {
  const payload = dismissalRequestEvent('created', {
    org: ORG,
    repo: { id: payments(h).repo.id, name: 'payments' },
    id: 778,
    alertNumber: 2,
    requester: 'dev-a',
    requesterComment: 'Only reachable from tests',
  });
  const requests = () =>
    h.slack.messagesIn(PEOPLE.lead.slack).filter((m) => m.text.includes('asks to dismiss'));
  h.slack.failNext('chat.postMessage', { error: 'internal_error' });
  await h.deliver('dismissal_request_code_scanning', payload);
  const { retry } = await retryPending(h);
  assert.is(requests().length, 0, 'Slack refused the first post');
  assert.ok(await retry(), 'the retry goes through');
  assert.is(requests().length, 1, 'the retry posts the request');
  assert.match(JSON.stringify(requests()[0]?.blocks), 'dismissal:approve');
  // Posted now: GitHub sending it again changes nothing.
  await h.deliver('dismissal_request_code_scanning', payload);
  await h.drain();
  assert.is(requests().length, 1);
});

t.run();
