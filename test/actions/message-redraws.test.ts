import * as assert from 'uvu/assert';
import { waitFor } from '../helpers/harness.ts';
import {
  actionSuite,
  alertWrites,
  click,
  codeAlert,
  current,
  PEOPLE,
  postAlerts,
} from './action-kit.ts';

const t = actionSuite('redrawing a message of several alerts');

const count = (text: string, what: string) => text.split(what).length - 1;

t('two quick clicks on different alerts of one DM both stay shown', async ({ h }) => {
  const posted = await postAlerts(h, PEOPLE.bob.slack, [codeAlert(h, 1), codeAlert(h, 2)]);
  // Both clicks carry the message as it was before either redraw, as two fast clicks do.
  await Promise.all([
    click(h, PEOPLE.bob.slack, posted, 'alert:assign_me:1'),
    click(h, PEOPLE.bob.slack, posted, 'alert:assign_me:2'),
  ]);
  await waitFor(() => alertWrites(h).length === 2, 10_000, 'both writes');
  await waitFor(() => current(h, posted).edits.length === 2, 10_000, 'both redraws');
  const shown = JSON.stringify(current(h, posted).blocks);
  assert.is(count(shown, 'took this alert'), 2, 'both results are shown');
  // Bob now holds both alerts: each offers "Unassign me", neither still "Assign to me".
  assert.is(count(shown, '"alert:unassign:'), 2);
  assert.is(count(shown, '"alert:assign_me:'), 0);
});

t('a click after another redraw of the message keeps what that redraw showed', async ({ h }) => {
  const posted = await postAlerts(h, PEOPLE.bob.slack, [codeAlert(h, 1), codeAlert(h, 2)]);
  await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me:1');
  await waitFor(() => current(h, posted).edits.length === 1, 10_000, 'the first redraw');
  // Someone else redraws the message (news from GitHub), after Burndown's own redraw.
  const redrawn = current(h, posted).blocks as Record<string, unknown>[];
  const blocks = redrawn.map((b) =>
    JSON.stringify(b).includes('Alert acme/payments#2')
      ? { type: 'section', text: { type: 'mrkdwn', text: 'Alert 2, seen fixed' } }
      : b,
  );
  await h.bot.ctx.slack.chat.update({
    channel: posted.channel,
    ts: posted.ts,
    text: posted.text,
    blocks: blocks as never,
  });
  await click(h, PEOPLE.bob.slack, posted, 'alert:assign_me:2');
  await waitFor(() => current(h, posted).edits.length === 3, 10_000, 'the second redraw');
  const shown = JSON.stringify(current(h, posted).blocks);
  assert.match(shown, 'Alert 2, seen fixed');
  assert.is(count(shown, 'took this alert'), 2);
});

t.run();
