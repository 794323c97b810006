import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { plainTextState, viewSubmissionPayload } from '../helpers/slack-payloads.ts';
import { baseOrg, campaignHarness, DEV, LEAD, openNew, submit } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('campaign steering', {} as { h: Harness });

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

async function publishOne(h: Harness, name = 'Critical alerts sweep'): Promise<CampaignRecord> {
  const view = await openNew(h);
  await submit(h, view, { name });
  return waitFor(
    async () => (await h.bot.ctx.repos.campaigns.list()).find((c) => c.setup?.invited),
    15_000,
    'a published campaign',
  );
}

const replyText = (r: { responses: Record<string, unknown>[] }) => JSON.stringify(r.responses[0]);

t('a draft is saved in Burndown only, listed, and reopens in the form', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const view = await openNew(h);
  const res = await submit(h, view, { name: 'Later maybe', mode: 'draft' });
  assert.match(JSON.stringify(res.body), 'Draft saved');
  assert.is(h.github.writes().length, 0);
  assert.is(h.slack.callsTo('conversations.create').length, 0);
  const list = await h.command('list drafts', { user: LEAD });
  assert.match(replyText(list), 'Later maybe (draft');
  const opens = h.slack.callsTo('views.open').length;
  await h.command('edit Later maybe', { user: LEAD, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.open').length > opens, 5000, 'the draft form');
  await waitFor(
    () =>
      JSON.stringify(
        h.slack.state.views.get([...h.slack.state.views.keys()].at(-1) ?? '')?.view,
      ).includes('Later maybe'),
    5000,
    'the draft values',
  );
});

t('show answers privately with the card and fresh totals', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const c = await publishOne(h);
  const shown = await h.command(`show ${c.number}`, { user: LEAD });
  const text = replyText(shown);
  assert.is(shown.responses[0]?.response_type, 'ephemeral');
  assert.match(text, 'Questions? Ask alice');
  assert.match(text, '0/2 closed');
  assert.match(text, 'acme/payments: 1');
});

t('close archives the channel when asked, and reopen brings it back', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const c = await publishOne(h);
  const closed = await h.command(`close ${c.number} archive`, { user: LEAD });
  assert.match(replyText(closed), 'Closed campaign #1');
  const channel = h.slack.state.channels.get(c.channelId ?? '');
  assert.is(channel?.is_archived, true);
  const patch = h.github.requests.find(
    (r) =>
      r.operationId === 'campaigns/update-campaign' &&
      (r.body as { state?: string }).state === 'closed',
  );
  assert.is(patch?.token, 'tok-kim-lead');
  const card = channel?.messages.find((m) => m.ts === c.cardTs);
  assert.match(JSON.stringify(card?.blocks), 'Closed: Critical alerts sweep');
  const reopened = await h.command(`reopen ${c.number}`, { user: LEAD });
  assert.match(replyText(reopened), 'Reopened campaign #1');
  assert.is(h.slack.state.channels.get(c.channelId ?? '')?.is_archived, false);
});

t('close archive run again after the archive failed archives the closed campaign', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const c = await publishOne(h);
  h.slack.failNext('conversations.archive', 'restricted_action');
  const first = replyText(await h.command(`close ${c.number} archive`, { user: LEAD }));
  assert.match(first, 'Closed campaign #1 on GitHub, but');
  assert.match(first, 'could not be archived');
  assert.match(first, '`/campaign close 1 archive` tries again');
  assert.is(h.github.state.orgs.acme?.campaigns[0]?.summary.state, 'closed');
  assert.is(h.slack.state.channels.get(c.channelId ?? '')?.is_archived, false);

  const again = replyText(await h.command(`close ${c.number} archive`, { user: LEAD }));
  assert.match(again, 'was already closed on GitHub and archived');
  assert.is(h.slack.state.channels.get(c.channelId ?? '')?.is_archived, true);
  assert.is((await h.bot.ctx.repos.campaigns.get(c.id))?.archivedByBurndown, true);
  // Closing again on GitHub would be a second, pointless write.
  const closes = h.github.requests.filter(
    (r) =>
      r.operationId === 'campaigns/update-campaign' &&
      (r.body as { state?: string }).state === 'closed',
  );
  assert.is(closes.length, 1);
});

t('reopen refused by GitHub leaves the channel archived with the campaign closed', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const c = await publishOne(h);
  await h.command(`close ${c.number} archive`, { user: LEAD });
  assert.is(h.slack.state.channels.get(c.channelId ?? '')?.is_archived, true);
  h.github.failNext({ operationId: 'campaigns/update-campaign' }, { status: 403 });
  const refused = replyText(await h.command(`reopen ${c.number}`, { user: LEAD }));
  assert.match(refused, 'Could not reopen the campaign');
  assert.is(h.github.state.orgs.acme?.campaigns[0]?.summary.state, 'closed');
  assert.is(h.slack.state.channels.get(c.channelId ?? '')?.is_archived, true, 'still archived');
  assert.is(h.slack.callsTo('conversations.unarchive').length, 0);

  const reopened = replyText(await h.command(`reopen ${c.number}`, { user: LEAD }));
  assert.match(reopened, 'Reopened campaign #1 on GitHub');
  const channel = h.slack.state.channels.get(c.channelId ?? '');
  assert.is(channel?.is_archived, false);
  const card = channel?.messages.find((m) => m.ts === c.cardTs);
  assert.not.match(JSON.stringify(card?.blocks), 'Closed: Critical alerts sweep');
  assert.match(JSON.stringify(card?.blocks), ':large_green_circle: open');
});

t('editing changes GitHub, and the topic and card follow in place', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const c = await publishOne(h);
  const opens = h.slack.callsTo('views.open').length;
  await h.command(`edit ${c.number}`, { user: LEAD, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.open').length > opens, 5000, 'the edit form');
  const view = [...h.slack.state.views.values()].at(-1);
  const values = {
    name: { 'campaign_form:name': plainTextState('Renamed sweep') },
    description: { 'campaign_form:description': plainTextState('New words') },
    due: { 'campaign_form:due': { type: 'datepicker', selected_date: '2099-04-01' } },
    poc: { 'campaign_form:poc': { type: 'users_select', selected_user: LEAD } },
  };
  await h.interact(
    viewSubmissionPayload({
      id: view?.id,
      callback_id: 'campaign_edit',
      private_metadata: String(view?.view.private_metadata),
      values: values as never,
      user: { id: LEAD },
    }),
  );
  await waitFor(
    () =>
      h.slack.callsTo('views.update').some((u) => /Saved on GitHub/.test(JSON.stringify(u.args))),
    5000,
    'the save',
  );
  const channel = h.slack.state.channels.get(c.channelId ?? '');
  assert.match(channel?.topic ?? '', 'Due 2099-04-01');
  assert.match(channel?.topic ?? '', 'Renamed sweep');
  const card = channel?.messages.find((m) => m.ts === c.cardTs);
  assert.match(JSON.stringify(card?.blocks), 'Renamed sweep');
  assert.ok((card?.edits.length ?? 0) > 0, 'edited in place');
  assert.is(channel?.pins.length, 1);
  assert.is(h.github.state.orgs.acme?.campaigns[0]?.summary.name, 'Renamed sweep');
});

t('adopt gives a GitHub-made campaign a channel and says only totals are known', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub());
  ctx.h = h;
  const res = await h.command('adopt 3', { user: LEAD });
  assert.match(replyText(res), 'does not know which alerts it holds');
  const c = await h.bot.ctx.repos.campaigns.getByNumber(3);
  assert.is(c?.adopted, true);
  const channel = h.slack.state.channels.get(c?.channelId ?? '');
  assert.is(channel?.name, 'campaign-made-on-github');
  const card = JSON.stringify(channel?.messages.find((m) => m.ts === c?.cardTs)?.blocks);
  assert.match(card, 'only GitHub’s totals are shown');
  assert.match(card, '0/2 closed');
  assert.is(h.github.writes().length, 0);
});

const madeOnGitHub = (extra: Record<string, unknown> = {}) =>
  baseOrg({
    campaigns: [
      {
        number: 3,
        name: 'Made on GitHub',
        managers: ['kim-lead'],
        endsAt: '2099-01-01T00:00:00Z',
        codeAlerts: [{ repo: 'payments', numbers: [1, 2] }],
        ...extra,
      },
    ],
  });

t(
  'adopt by someone who neither manages the campaign nor is an admin changes nothing',
  async (ctx) => {
    const h = await campaignHarness(madeOnGitHub());
    ctx.h = h;
    // Bob is known to Burndown (dev-b) and has write access to repositories, nothing more.
    const res = await h.command('adopt 3', { user: DEV });
    const text = replyText(res);
    assert.is(res.responses[0]?.response_type, 'ephemeral');
    assert.match(text, 'Only a campaign’s managers or a Burndown admin can adopt it');
    assert.match(text, '<@U0ALICE>', 'names the manager to ask');
    assert.is(h.slack.callsTo('conversations.create').length, 0);
    assert.is(h.slack.callsTo('pins.add').length, 0);
    assert.is(h.slack.callsTo('bookmarks.add').length, 0);
    assert.is(await h.bot.ctx.repos.campaigns.getByNumber(3), null);
  },
);

t('adopt by a person Burndown does not know says who may, and how to get linked', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub(), { BURNDOWN_ADMINS: 'U0ADMIN' });
  ctx.h = h;
  const text = replyText(await h.command('adopt 3', { user: 'U0CAROL' }));
  assert.match(text, 'Only a campaign’s managers or a Burndown admin');
  assert.match(text, 'a Burndown admin (<@U0ADMIN>)');
  assert.match(text, '/campaign link');
  assert.is(h.slack.callsTo('conversations.create').length, 0);
});

t('a Burndown admin who does not manage the campaign may adopt it', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub(), { BURNDOWN_ADMINS: 'U0ADMIN' });
  ctx.h = h;
  const res = await h.command('adopt 3', { user: 'U0ADMIN' });
  assert.match(replyText(res), 'now has its channel');
  const c = await h.bot.ctx.repos.campaigns.getByNumber(3);
  assert.ok(c?.channelId);
  assert.is(c?.setup?.pinned, true);
});

t('a contact link too long for Slack leaves the button out; set-up still finishes', async (ctx) => {
  const long = `https://wiki.example.com/${'a'.repeat(3000)}`;
  const h = await campaignHarness(madeOnGitHub({ contactLink: long }));
  ctx.h = h;
  const res = await h.command('adopt 3', { user: LEAD });
  assert.match(replyText(res), 'now has its channel');
  const c = await h.bot.ctx.repos.campaigns.getByNumber(3);
  assert.is(c?.contactLink, long, 'GitHub’s link is kept as it is');
  assert.equal(
    [c?.setup?.pinned, c?.setup?.bookmark, c?.setup?.invited],
    [true, true, true],
    'pinned, bookmarked and invited',
  );
  const channel = h.slack.state.channels.get(c?.channelId ?? '');
  assert.is(channel?.pins.length, 1);
  const card = JSON.stringify(channel?.messages.find((m) => m.ts === c?.cardTs)?.blocks);
  assert.match(card, 'Open on GitHub');
  assert.not.match(card, 'campaign_card_link:contact');
});

t('show and close take a quoted name with curly or unmatched quotes', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const c = await publishOne(h);
  // macOS and iOS replace typed quotes; after a space they may both come out closing.
  const shown = await h.command('show ”Critical alerts sweep”', { user: LEAD });
  assert.match(replyText(shown), 'Questions? Ask alice');
  const closed = await h.command('close „Critical alerts sweep“ archive', { user: LEAD });
  assert.match(replyText(closed), `Closed campaign #${c.number}`);
  assert.is(h.slack.state.channels.get(c.channelId ?? '')?.is_archived, true);
});

t('a campaign number too large to be one is refused with usage, not rounded', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const text = replyText(await h.command('show 99999999999999999999', { user: LEAD }));
  assert.match(text, 'not a campaign number');
  assert.match(text, 'Usage: `/campaign show <name or number>`');
  assert.not.match(text, '100000000000000000000');
  const adopt = replyText(await h.command('adopt 99999999999999999999', { user: LEAD }));
  assert.match(adopt, 'Usage: `/campaign adopt <number>`');
  assert.is(h.github.requests.filter((r) => r.operationId?.includes('campaign')).length, 0);
});

t('list drafts with none says so in plain words', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  const text = replyText(await h.command('list drafts', { user: LEAD }));
  assert.match(text, 'No draft campaigns.');
  assert.not.match(text, 'drafts campaigns');
});

t.run();
