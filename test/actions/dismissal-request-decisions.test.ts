import * as assert from 'uvu/assert';
import { claimDecision, releaseDecision } from '../../src/actions/dismissal-request-refs.ts';
import {
  type DismissalRequestOverrides,
  dismissalRequestEvent,
} from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';
import {
  actionSuite,
  click,
  codeAlert,
  current,
  modalFor,
  PEOPLE,
  type Posted,
  payments,
  postAlert,
  privateTexts,
  requestInDm,
  retryPending,
  submit,
} from './action-kit.ts';

const t = actionSuite('dismissal request decisions');

const EVENT = 'dismissal_request_code_scanning';
const REVIEW = 'code-scanning/review-dismissal-request-for-repo';

/** Bob's request to dismiss payments#2, as GitHub describes it. */
function bobsRequest(h: Harness, id: number): DismissalRequestOverrides {
  return {
    org: ORG,
    repo: { id: payments(h).repo.id, name: 'payments' },
    id,
    alertNumber: 2,
    requester: PEOPLE.bob.login,
  };
}

/** Bob files the request on GitHub's pages; the lead gets it in Slack. */
async function filedOnGitHub(h: Harness) {
  const request = bobsRequest(h, 777);
  await h.deliver(EVENT, dismissalRequestEvent('created', request));
  await h.drain();
  return { request, posted: await requestInDm(h, PEOPLE.lead.slack) };
}

/** Bob files the request from Slack; GitHub holds it, the lead gets it in Slack. */
async function filedFromSlack(h: Harness) {
  const alert = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  h.github.failNext('code-scanning/update-alert', {
    status: 403,
    message: 'Dismissing this alert requires a review: file a dismissal request instead.',
  });
  const { triggerId } = await click(h, PEOPLE.bob.slack, alert, 'alert:dismiss');
  await submit(h, PEOPLE.bob.slack, await modalFor(h, triggerId), {
    reason: { reason: staticSelectState('false_positive') },
    comment: { comment: plainTextState('Sanitised upstream') },
  });
  const posted = await requestInDm(h, PEOPLE.lead.slack);
  const id = Number(payments(h).dismissalRequests[0]?.id);
  return { request: bobsRequest(h, id), posted };
}

/** GitHub reports the lead's decision on the request. */
function leadDecided(
  h: Harness,
  request: DismissalRequestOverrides,
  status: 'approved' | 'rejected',
  reviewerComment?: string,
) {
  return h.deliver(
    EVENT,
    dismissalRequestEvent('response_submitted', {
      ...request,
      reviewer: PEOPLE.lead.login,
      status,
      ...(reviewerComment ? { reviewerComment } : {}),
    }),
  );
}

const noticesTo = (h: Harness, user: string) =>
  h.slack.messagesIn(user).filter((m) => m.text.startsWith('Your request to dismiss'));

const shown = (h: Harness, posted: Posted) => JSON.stringify(current(h, posted).blocks);

t('a request decided on GitHub loses its buttons and the requester hears once', async ({ h }) => {
  const { request, posted } = await filedOnGitHub(h);
  const decided = dismissalRequestEvent('response_submitted', {
    ...request,
    reviewer: PEOPLE.lead.login,
    status: 'approved',
    reviewerComment: 'Agreed, the input is sanitised.',
  });
  await h.deliver(EVENT, decided);
  await h.drain();

  const blocks = shown(h, posted);
  assert.not.match(blocks, 'dismissal:approve');
  assert.not.match(blocks, 'dismissal:deny');
  assert.match(blocks, 'Open on GitHub');
  assert.match(blocks, 'Request approved on GitHub by <@U0ALICE>');
  assert.match(blocks, 'Agreed, the input is sanitised.');
  const notices = noticesTo(h, PEOPLE.bob.slack);
  assert.is(notices.length, 1);
  assert.match(notices[0]?.text ?? '', 'was *approved* on GitHub by <@U0ALICE>');
  assert.match(notices[0]?.text ?? '', 'Agreed, the input is sanitised.');

  // GitHub delivering the same decision again (a new delivery id) changes nothing.
  await h.deliver(EVENT, decided);
  await h.drain();
  assert.is(current(h, posted).edits.length, 1);
  assert.is(noticesTo(h, PEOPLE.bob.slack).length, 1);
  assert.equal(h.github.writes(), [], 'nothing is written to GitHub');
});

t('a reviewer comment from GitHub cannot ping the channel and is shortened', async ({ h }) => {
  const { request, posted } = await filedOnGitHub(h);
  await h.deliver(
    EVENT,
    dismissalRequestEvent('response_submitted', {
      ...request,
      reviewer: 'dev-a',
      status: 'rejected',
      reviewerComment: `<!channel> fix it & ship ${'x'.repeat(2000)}`,
    }),
  );
  await h.drain();

  const line = String(
    (current(h, posted).blocks ?? [])
      .flatMap((b) => ((b as { type: string }).type === 'context' ? [JSON.stringify(b)] : []))
      .join(''),
  );
  assert.match(line, ':no_entry: Request denied on GitHub by dev-a');
  assert.match(line, '&lt;!channel&gt; fix it &amp; ship');
  assert.match(line, '…');
  assert.ok(line.length < 800, 'the comment is shortened');
  const notice = noticesTo(h, PEOPLE.bob.slack)[0]?.text ?? '';
  assert.match(notice, 'was *denied* on GitHub by dev-a: “&lt;!channel&gt; fix it &amp; ship');
  for (const text of [shown(h, posted), notice]) assert.not.match(text, '<!channel>');
});

t('a request decided from Slack is not told again when GitHub reports it', async ({ h }) => {
  const { request, posted } = await filedFromSlack(h);
  const review = await click(h, PEOPLE.lead.slack, posted, 'dismissal:approve');
  await submit(h, PEOPLE.lead.slack, await modalFor(h, review.triggerId), {
    message: { message: plainTextState('Agreed, the input is sanitised.') },
  });
  await waitFor(() => noticesTo(h, PEOPLE.bob.slack).length > 0, 3000, 'the notice');
  await waitFor(() => current(h, posted).edits.length > 0, 3000, 'the request update');
  const before = current(h, posted);
  const edits = before.edits.length;
  const blocks = JSON.stringify(before.blocks);

  await leadDecided(h, request, 'approved', 'Agreed, the input is sanitised.');
  await h.drain();

  assert.is(noticesTo(h, PEOPLE.bob.slack).length, 1);
  assert.is(current(h, posted).edits.length, edits);
  assert.is(shown(h, posted), blocks);
  assert.match(blocks, 'Dismissal approved by <@U0ALICE>');
  assert.not.match(blocks, 'on GitHub by');
});

t('a review from Slack after the decision on GitHub sends nothing', async ({ h }) => {
  const { request, posted } = await filedFromSlack(h);
  // The lead opens the Approve dialog, then someone denies the request on GitHub.
  const review = await click(h, PEOPLE.lead.slack, posted, 'dismissal:approve');
  const modal = await modalFor(h, review.triggerId);
  await h.deliver(
    EVENT,
    dismissalRequestEvent('response_submitted', {
      ...request,
      reviewer: 'dev-a',
      status: 'rejected',
      reviewerComment: 'Fix it instead.',
    }),
  );
  await h.drain();
  await submit(h, PEOPLE.lead.slack, modal, {
    message: { message: plainTextState('Agreed.') },
  });

  await waitFor(
    () => privateTexts(h, PEOPLE.lead.slack).some((x) => x.includes('already reviewed')),
    3000,
    'the reviewer told',
  );
  assert.is(h.github.requests.filter((r) => r.operationId === REVIEW).length, 0);
  assert.match(shown(h, posted), 'Request denied on GitHub by dev-a');
  assert.not.match(shown(h, posted), 'dismissal:approve');
  const notices = noticesTo(h, PEOPLE.bob.slack);
  assert.equal(
    notices.map((m) => m.text),
    ['Your request to dismiss acme/payments#2 was *denied* on GitHub by dev-a: “Fix it instead.”'],
  );
});

t('after a review from Slack fails, the decision made on GitHub is still shown', async ({ h }) => {
  const { request, posted } = await filedFromSlack(h);
  h.github.failNext(REVIEW, { status: 403, message: 'Must have admin rights to Repository.' });
  const review = await click(h, PEOPLE.lead.slack, posted, 'dismissal:approve');
  await submit(h, PEOPLE.lead.slack, await modalFor(h, review.triggerId), {
    message: { message: plainTextState('Agreed.') },
  });
  await waitFor(
    () => privateTexts(h, PEOPLE.lead.slack).some((x) => x.startsWith(':warning:')),
    3000,
    'the reviewer told of the failure',
  );
  assert.match(shown(h, posted), 'dismissal:approve');

  await h.deliver(
    EVENT,
    dismissalRequestEvent('response_submitted', { ...request, reviewer: 'dev-a' }),
  );
  await h.drain();
  assert.match(shown(h, posted), 'Request approved on GitHub by dev-a');
  assert.is(noticesTo(h, PEOPLE.bob.slack).length, 1);
});

t('a decision on a request Burndown never posted sends nothing', async ({ h }) => {
  const before = h.slack.calls.length;
  await h.deliver(
    EVENT,
    dismissalRequestEvent('response_submitted', {
      ...bobsRequest(h, 4040),
      reviewer: PEOPLE.lead.login,
    }),
  );
  await h.drain();
  const sent = h.slack.calls.slice(before).filter((c) => c.method.startsWith('chat.'));
  assert.equal(sent, []);
  assert.equal(noticesTo(h, PEOPLE.bob.slack), []);
});

t(
  'a GitHub decision arriving while a Slack review is in flight waits, then is told',
  async ({ h }) => {
    const { request, posted } = await filedOnGitHub(h);
    const alert = { kind: 'code' as const, repoId: payments(h).repo.id, number: 2 };
    // The lead's click from Slack has claimed the decision and its PATCH is on its way.
    assert.is(await claimDecision(h.bot.ctx, alert, String(request.id), 'slack'), 'claimed');
    await leadDecided(h, request, 'rejected');
    const { retry } = await retryPending(h);
    assert.is(current(h, posted).edits.length, 0);
    // GitHub refused the Slack review, so its claim is given back; the retry tells GitHub's.
    await releaseDecision(h.bot.ctx, alert, String(request.id));
    assert.ok(await retry());
    assert.match(shown(h, posted), 'Request denied on GitHub by <@U0ALICE>');
    assert.is(noticesTo(h, PEOPLE.bob.slack).length, 1);
  },
);

t(
  'GitHub taking a review from Slack is told even if the alert cannot be read back',
  async ({ h }) => {
    const { posted } = await filedFromSlack(h);
    const review = await click(h, PEOPLE.lead.slack, posted, 'dismissal:approve');
    const modal = await modalFor(h, review.triggerId);
    // The PATCH goes through; the read that follows it fails.
    const reviewed = () => h.github.requests.some((r) => r.operationId === REVIEW);
    h.github.failNext((r) => r.operationId === 'code-scanning/get-alert' && reviewed(), {
      status: 502,
      times: 5,
    });
    await submit(h, PEOPLE.lead.slack, modal, { message: { message: plainTextState('Agreed.') } });
    await waitFor(() => noticesTo(h, PEOPLE.bob.slack).length > 0, 3000, 'the requester told');
    await waitFor(() => current(h, posted).edits.length > 0, 3000, 'the request message updated');
    assert.is(h.github.requests.filter((r) => r.operationId === REVIEW).length, 1);
    assert.match(shown(h, posted), 'Dismissal approved by <@U0ALICE>');
    assert.not.ok(
      privateTexts(h, PEOPLE.lead.slack).some((x) => x.startsWith(':warning:')),
      'the reviewer is not told it failed',
    );
  },
);

t('a decision from GitHub that Slack cannot show yet is retried, then told once', async ({ h }) => {
  const { request, posted } = await filedOnGitHub(h);
  h.slack.failNext('chat.update', { error: 'internal_error' });
  await leadDecided(h, request, 'approved');
  const { retry } = await retryPending(h);
  assert.equal(noticesTo(h, PEOPLE.bob.slack), [], 'nobody told what the message hides');
  assert.ok(await retry());
  assert.match(shown(h, posted), 'Request approved on GitHub by <@U0ALICE>');
  assert.is(noticesTo(h, PEOPLE.bob.slack).length, 1);
});

t.run();
