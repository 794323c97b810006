// Commands that run at the same time as others: two adopts of one campaign, and a show whose
// GitHub round trip overlaps an edit.
import type { ViewStateValue } from '@slack/bolt';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { acquireLock } from '../../src/store/lock.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { plainTextState, viewSubmissionPayload } from '../helpers/slack-payloads.ts';
import { baseOrg, campaignHarness, LEAD } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('adopt and show races', {} as { h: Harness });

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

const madeOnGitHub = () =>
  baseOrg({
    campaigns: [
      {
        number: 3,
        name: 'Made on GitHub',
        managers: ['kim-lead'],
        endsAt: '2099-01-01T00:00:00Z',
        codeAlerts: [{ repo: 'payments', numbers: [1, 2] }],
      },
    ],
  });

const replyText = (r: { responses: Record<string, unknown>[] }) => JSON.stringify(r.responses);

t('two adopts of one campaign at once make one record and one channel', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub());
  ctx.h = h;
  // Both read GitHub before either saves, as two people (or a double submit) would.
  h.github.failNext({ operationId: 'campaigns/get-campaign-summary' }, { delayMs: 150, times: 2 });
  const replies = await Promise.all([
    h.command('adopt 3', { user: LEAD }),
    h.command('adopt 3', { user: LEAD }),
  ]);
  await new Promise((r) => setTimeout(r, 300));
  const records = (await h.bot.ctx.repos.campaigns.list()).filter((c) => c.number === 3);
  assert.is(records.length, 1, 'one record for campaign #3');
  assert.is(h.slack.callsTo('conversations.create').length, 1, 'one channel');
  const texts = replies.map(replyText);
  for (const text of texts) assert.not.match(text, 'undefined');
  assert.ok(texts.some((x) => x.includes(`now has its channel <#${records[0]?.channelId}>`)));
  assert.ok(texts.some((x) => /being adopted right now|already has its channel/.test(x)));
});

t('adopt never names a channel it does not know yet', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub());
  ctx.h = h;
  const now = new Date().toISOString();
  // An adoption whose channel set-up is running elsewhere (the sync resuming it, say).
  const record: CampaignRecord = {
    id: 'cmp-adopted',
    number: 3,
    kind: 'code',
    state: 'open',
    name: 'Made on GitHub',
    description: 'Made on GitHub',
    endsAt: '2099-01-01T00:00:00Z',
    managers: ['kim-lead'],
    teamManagers: [],
    members: [],
    adopted: true,
    createdAt: now,
    updatedAt: now,
  };
  await h.bot.ctx.repos.campaigns.save(record);
  const lease = await acquireLock(h.bot.ctx.kv, `campaign-channel:${record.id}`, 60_000);
  try {
    const text = replyText(await h.command('adopt 3', { user: LEAD }));
    assert.not.match(text, '<#undefined>');
    assert.match(text, 'its channel is being set up');
  } finally {
    await lease?.release();
  }
});

t('show keeps what an edit saved while GitHub was answering', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub());
  ctx.h = h;
  await h.command('adopt 3', { user: LEAD });
  const opens = h.slack.callsTo('views.open').length;
  await h.command('edit 3', { user: LEAD, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.open').length > opens, 5000, 'the edit form');
  const view = [...h.slack.state.views.values()].at(-1);

  let asked = false;
  h.github.failNext(
    (info) => {
      if (info.operationId !== 'campaigns/get-campaign-summary') return false;
      asked = true;
      return true;
    },
    { delayMs: 600 },
  );
  const showing = h.command('show 3', { user: LEAD, waitMs: 5000 });
  await waitFor(() => asked, 5000, 'show asking GitHub');
  // The edit is saved while show waits for GitHub's totals.
  const values: Record<string, Record<string, ViewStateValue>> = {
    name: { 'campaign_form:name': plainTextState('Renamed meanwhile') },
    description: { 'campaign_form:description': plainTextState('Made on GitHub') },
    due: { 'campaign_form:due': { type: 'datepicker', selected_date: '2099-01-01' } },
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
    () => h.slack.callsTo('views.update').some((u) => /Saved on GitHub/.test(JSON.stringify(u))),
    5000,
    'the save',
  );
  const shown = replyText(await showing);
  const stored = await h.bot.ctx.repos.campaigns.getByNumber(3);
  assert.is(stored?.name, 'Renamed meanwhile', 'the edit is not overwritten');
  assert.equal(stored?.stats, { open: 2, closed: 0, inProgress: 0 }, 'totals refreshed');
  const list = replyText(await h.command('list', { user: LEAD }));
  assert.match(list, 'Renamed meanwhile');
  assert.not.match(list, 'Made on GitHub');
  assert.match(shown, 'Renamed meanwhile', 'show answers with the campaign as it is now');
});

t.run();
