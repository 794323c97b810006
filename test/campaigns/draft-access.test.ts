// A draft lives in Burndown only (GitHub never sees it to say no), so only the person who
// saved it and Burndown's admins may change or publish it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { tokenStore } from '../../src/identity/authorize.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { campaignHarness, LEAD, openNew, submit } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('draft access', {} as { h: Harness });

/** Signed in with GitHub as dev-a: may act on GitHub, but did not save the draft. */
const CAROL = 'U0CAROL';

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

async function withDraft(env: Record<string, string> = {}) {
  const h = await campaignHarness(undefined, env);
  const linkedAt = new Date().toISOString();
  await h.bot.ctx.repos.identities.link({
    slackUserId: CAROL,
    githubLogin: 'dev-a',
    source: 'signed-in',
    linkedAt,
  });
  await tokenStore(h.bot.ctx).put(CAROL, { login: 'dev-a', accessToken: 'tok-dev-a' });
  const view = await openNew(h);
  await submit(h, view, { name: 'Later maybe', mode: 'draft' });
  const draft = await waitFor(
    async () => (await h.bot.ctx.repos.campaigns.list()).find((c) => c.state === 'draft'),
    5000,
    'the draft',
  );
  return { h, draft };
}

const formOf = (draft: CampaignRecord) => ({
  id: 'V0FORGED',
  view: { private_metadata: JSON.stringify({ id: draft.id }) },
});

t('someone else is told privately who may edit the draft, and no form opens', async (ctx) => {
  const { h, draft } = await withDraft();
  ctx.h = h;
  const opens = h.slack.callsTo('views.open').length;
  const res = await h.command('edit Later maybe', { user: CAROL });
  const text = JSON.stringify(res.responses[0]);
  assert.is(res.responses[0]?.response_type, 'ephemeral');
  assert.match(text, '“Later maybe” is a draft: only <@U0ALICE>, who saved it, or');
  assert.match(text, 'can change or publish it');
  assert.is(h.slack.callsTo('views.open').length, opens, 'no form opened');
  assert.equal(await h.bot.ctx.repos.campaigns.get(draft.id), draft);
});

t('a submission for someone else’s draft changes and publishes nothing', async (ctx) => {
  const { h, draft } = await withDraft();
  ctx.h = h;
  const saved = await submit(h, formOf(draft), { name: 'Taken over', mode: 'draft' }, CAROL);
  assert.match(JSON.stringify(saved.body), 'is a draft: only');
  const published = await submit(h, formOf(draft), { name: 'Taken over' }, CAROL);
  assert.match(JSON.stringify(published.body), 'is a draft: only');
  await new Promise((r) => setTimeout(r, 200));
  assert.equal(await h.bot.ctx.repos.campaigns.get(draft.id), draft, 'the draft is untouched');
  assert.is(h.github.writes().length, 0, 'nothing published');
  assert.is(h.slack.callsTo('conversations.create').length, 0);
});

t('a Burndown admin may open someone else’s draft', async (ctx) => {
  const { h } = await withDraft({ BURNDOWN_ADMINS: CAROL });
  ctx.h = h;
  const opens = h.slack.callsTo('views.open').length;
  await h.command('edit Later maybe', { user: CAROL, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.open').length > opens, 5000, 'the draft form');
});

t('the person who saved the draft may still edit it', async (ctx) => {
  const { h } = await withDraft();
  ctx.h = h;
  const opens = h.slack.callsTo('views.open').length;
  await h.command('edit Later maybe', { user: LEAD, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.open').length > opens, 5000, 'the draft form');
});

t.run();
