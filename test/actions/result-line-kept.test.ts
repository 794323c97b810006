import * as assert from 'uvu/assert';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { ORG, waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';
import {
  actionSuite,
  alertWrites,
  click,
  current,
  modalFor,
  PEOPLE,
  type Posted,
  payments,
  submit,
} from './action-kit.ts';

const t = actionSuite('the clicked notification keeps its result line');

t('dismissing from an assignment DM leaves who did it in that DM', async ({ h }) => {
  const repo = payments(h).repo;
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: ORG,
    repo: { id: repo.id, name: repo.name, full_name: repo.full_name },
    number: 2,
    assignees: ['dev-b'],
  });
  assert.is((await h.deliver('code_scanning_alert', payload)).status, 202);
  await h.drain();
  const dm = await waitFor(
    () => h.slack.messagesIn(PEOPLE.bob.slack).find((m) => m.text.includes('assigned')),
    10_000,
    'the assignment DM',
  );
  const channel = Object.entries(h.slack.messages).find(([, ms]) =>
    ms.some((m) => m.ts === dm.ts),
  )?.[0];
  const posted: Posted = {
    channel: channel!,
    ts: dm.ts,
    text: dm.text,
    blocks: (dm.blocks ?? []) as Posted['blocks'],
  };

  const { triggerId } = await click(h, PEOPLE.bob.slack, posted, 'alert:dismiss');
  await submit(h, PEOPLE.bob.slack, await modalFor(h, triggerId), {
    reason: { reason: staticSelectState('false_positive') },
    comment: { comment: plainTextState('Constant input.') },
  });
  await waitFor(() => alertWrites(h).length === 1, 10_000, 'the dismissal on GitHub');
  await waitFor(() => current(h, posted).edits.length > 0, 10_000, 'the redraw');
  await h.drain();
  // Anything else that redraws the message would have done so by now.
  await new Promise((r) => setTimeout(r, 300));
  const shown = JSON.stringify(current(h, posted).blocks);
  assert.match(shown, 'Dismissed as *false positive* by <@U0BOB>');
  assert.match(shown, 'alert:reopen');
});

t.run();
