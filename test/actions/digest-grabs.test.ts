import * as assert from 'uvu/assert';
import { runJob } from '../../src/jobs/scheduler.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import {
  actionSuite,
  alertWrites,
  click,
  codeAlert,
  current,
  PEOPLE,
  type Posted,
  privateTexts,
} from './action-kit.ts';

const CHANNEL = 'C0GENERAL';

const t = actionSuite('up for grabs in the digest thread');

/** The campaign gets a channel, its alerts are stored as sync would, and the digest runs. */
async function digestThread(h: Harness): Promise<Posted> {
  const campaign = (await h.bot.ctx.repos.campaigns.get('camp-sqli'))!;
  await h.bot.ctx.repos.campaigns.save({ ...campaign, channelId: CHANNEL });
  await h.bot.ctx.repos.alerts.putMany([codeAlert(h, 1), codeAlert(h, 2)]);
  const job = h.bot.jobs.find((j) => j.name === 'digest')!;
  assert.is(await runJob(h.bot.ctx, job), 'ran');
  const grabs = h.slack.messagesIn(CHANNEL).find((m) => m.text.includes('up for grabs'));
  if (!grabs) throw new Error('no up-for-grabs message in the digest thread');
  assert.ok(grabs.thread_ts, 'it is a reply in the digest thread');
  return { channel: CHANNEL, ts: grabs.ts, text: grabs.text, blocks: grabs.blocks as never };
}

t('the digest thread offers the unassigned alerts with buttons, once', async ({ h }) => {
  const grabs = await digestThread(h);
  const shown = JSON.stringify(grabs.blocks);
  assert.match(shown, codeAlert(h, 2).htmlUrl!);
  assert.not.match(shown, codeAlert(h, 1).htmlUrl!, 'alert 1 has an assignee');
  assert.match(shown, 'alert:assign_me');
  assert.match(shown, 'alert:assign_to');
  const elsewhere = h.slack
    .messagesIn(CHANNEL)
    .filter((m) => m.ts !== grabs.ts)
    .map((m) => JSON.stringify(m.blocks))
    .join('\n');
  assert.not.match(elsewhere, '*Unassigned alerts*', 'not listed a second time without buttons');
});

t(
  'Assign to me from the channel acts as the clicker and redraws it for everyone',
  async ({ h }) => {
    const grabs = await digestThread(h);
    await click(h, PEOPLE.bob.slack, grabs, 'alert:assign_me');
    await waitFor(() => current(h, grabs).edits.length > 0, 10_000, 'the update');
    const [write] = alertWrites(h);
    assert.equal(write?.body, { assignees: ['dev-b'] });
    assert.is(write?.login, 'dev-b', "sent with Bob's own token");
    const shown = JSON.stringify(current(h, grabs).blocks);
    assert.match(shown, '<@U0BOB> took this alert');
    // Everyone reads the same channel message: it must not say "Unassign me" to them.
    assert.match(shown, 'alert:assign_me');
    assert.not.match(shown, 'alert:unassign');
  },
);

t('someone not signed in is told privately and GitHub gets nothing', async ({ h }) => {
  const grabs = await digestThread(h);
  await click(h, PEOPLE.dave.slack, grabs, 'alert:assign_me');
  await waitFor(
    () => privateTexts(h, PEOPLE.dave.slack).some((x) => x.includes('/campaign link')),
    10_000,
    'the private note',
  );
  assert.is(alertWrites(h).length, 0);
  assert.is(current(h, grabs).edits.length, 0);
});

t.run();
