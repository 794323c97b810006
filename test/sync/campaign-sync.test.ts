// Campaign changes made on GitHub reach Slack: every edit is kept (the contact link too), and
// the channel hears that its campaign was closed or deleted even when Slack refused the first
// attempt.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { pollGitHub } from '../../src/sync/poll.ts';
import { ORG } from '../helpers/harness.ts';
import { rejected, startWorld, type World } from './sync-world.ts';

const t = suite<{ w: World }>('campaign sync', {} as { w: World });
const CHANNEL = 'C0GENERAL';

t.before.each(async (ctx) => {
  ctx.w = await startWorld();
});

t.after.each(async ({ w }) => {
  w.h.github.assertNoViolations();
  assert.equal(rejected(w.h), []);
  await w.h.close();
});

const poll = (w: World) => pollGitHub(w.h.bot.ctx, []);
const summary = (w: World) => w.h.github.state.orgs[ORG]!.campaigns[0]!.summary;

/** The card `/campaign show` answers with, as JSON. */
async function shownCard(w: World): Promise<string> {
  const shown = await w.h.command('show 1', { user: 'U0ALICE' });
  return JSON.stringify(shown.responses[0] ?? {});
}

t('a contact link changed on GitHub shows on the card, and stays', async ({ w }) => {
  await poll(w);
  assert.not.match(await shownCard(w), 'support.example.com');
  summary(w).contact_link = 'https://support.example.com/appsec';

  await poll(w);
  const card = await shownCard(w);
  assert.match(card, '"Contact"');
  assert.match(card, 'https://support.example.com/appsec');
  const stored = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.is(stored?.contactLink, 'https://support.example.com/appsec');

  await poll(w);
  assert.match(await shownCard(w), 'https://support.example.com/appsec');
});

t('a "closed on GitHub" notice Slack refused is posted by a later poll, once', async ({ w }) => {
  await w.h.bot.ctx.repos.campaigns.save({ ...w.campaign, channelId: CHANNEL });
  await poll(w);
  summary(w).state = 'closed';
  w.h.slack.failNext('chat.postMessage', 'internal_error');

  await poll(w);
  assert.is(w.h.slack.messagesIn(CHANNEL).length, 0, 'Slack refused the first attempt');
  const stored = await w.h.bot.ctx.repos.campaigns.get(w.campaign.id);
  assert.is(stored?.state, 'closed', 'the closure is saved all the same');

  await poll(w);
  const posts = w.h.slack.messagesIn(CHANNEL);
  assert.is(posts.length, 1);
  assert.match(posts[0]!.text, 'was closed on GitHub');
  await poll(w);
  assert.is(w.h.slack.messagesIn(CHANNEL).length, 1, 'told once');
});

t('a "deleted on GitHub" notice Slack refused is posted by a later poll, once', async ({ w }) => {
  await w.h.bot.ctx.repos.campaigns.save({ ...w.campaign, channelId: CHANNEL });
  await poll(w);
  w.h.github.state.orgs[ORG]!.campaigns.length = 0;
  w.h.slack.failNext('chat.postMessage', 'internal_error');

  const first = await poll(w);
  assert.is(first.campaigns.removed, 1);
  assert.is(w.h.slack.messagesIn(CHANNEL).length, 0);

  await poll(w);
  const posts = w.h.slack.messagesIn(CHANNEL);
  assert.is(posts.length, 1);
  assert.match(posts[0]!.text, 'was deleted on GitHub');
  await poll(w);
  assert.is(w.h.slack.messagesIn(CHANNEL).length, 1, 'told once');
});

t('a notice Slack will never take is not tried again', async ({ w }) => {
  await w.h.bot.ctx.repos.campaigns.save({ ...w.campaign, channelId: CHANNEL });
  await poll(w);
  summary(w).state = 'closed';
  w.h.slack.failNext('chat.postMessage', 'is_archived');
  await poll(w);
  await poll(w);
  assert.is(w.h.slack.callsTo('chat.postMessage').length, 1);
  assert.is(w.h.slack.messagesIn(CHANNEL).length, 0);
});

t.run();
