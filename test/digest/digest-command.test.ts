import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { Harness } from '../helpers/harness.ts';
import { CAMPAIGN_CHANNEL, startDigestHarness } from './digest-fixture.ts';

const t = suite<{ h: Harness }>('/campaign digest', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startDigestHarness();
});

t.after.each(async ({ h }) => {
  try {
    h.github.assertNoViolations();
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

const posted = (h: Harness) => h.slack.messagesIn(CAMPAIGN_CHANNEL);
const all = (responses: Record<string, unknown>[]) => JSON.stringify(responses);

t('shows the digest privately and posts nothing in the channel', async ({ h }) => {
  const { responses } = await h.command('digest', { user: 'U0BOB', channel: CAMPAIGN_CHANNEL });
  await new Promise((r) => setTimeout(r, 150));
  const replies = h.slack.responses();
  assert.ok(responses.length >= 1);
  assert.ok(replies.every((r) => r.response_type === 'ephemeral'));
  assert.match(all(replies), '% done');
  assert.match(all(replies), 'Unassigned alerts');
  // Slack cannot redraw an ephemeral answer after a click, so it carries no alert buttons.
  assert.not.match(all(replies), 'alert:assign_me');
  assert.is(posted(h).length, 0);
});

t('finds the campaign by number from any channel', async ({ h }) => {
  await h.command('digest #1', { user: 'U0BOB' });
  await new Promise((r) => setTimeout(r, 150));
  assert.match(all(h.slack.responses()), 'Digest: SQL injection');
});

t('refuses --post to someone who does not manage the campaign', async ({ h }) => {
  await h.command('digest 1 --post', { user: 'U0BOB' });
  await new Promise((r) => setTimeout(r, 150));
  assert.match(all(h.slack.responses()), 'Only the managers of');
  assert.is(posted(h).length, 0);
});

t('posts the digest in the campaign channel for a manager, once a day', async ({ h }) => {
  const first = await h.command('digest 1 --post', { user: 'U0ALICE' });
  assert.match(all(first.responses), `Posted the digest in <#${CAMPAIGN_CHANNEL}>`);
  const second = await h.command('digest 1 --post', { user: 'U0ALICE' });
  assert.match(all(second.responses), 'Updated today’s digest');
  assert.is(posted(h).filter((m) => !m.thread_ts).length, 1);
});

t('answers an unknown campaign with usage', async ({ h }) => {
  const { responses } = await h.command('digest "no such thing"', { user: 'U0BOB' });
  assert.match(all(responses), 'No campaign matches');
  assert.match(all(responses), '/campaign digest [campaign] [--post]');
});

t.run();
