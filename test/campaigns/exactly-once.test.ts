import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { campaignAfterSyncHooks } from '../../src/campaigns/after-sync-hooks.ts';
import { publishCampaign } from '../../src/campaigns/publish.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { runAfterSync } from '../../src/sync/after-sync.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { baseOrg, campaignHarness, LEAD, openNew, submit } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('campaign exactly once', {} as { h: Harness });

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  await h.close();
});

t('a Slack failure mid set-up is completed by the next sync, never duplicated', async (ctx) => {
  const h = await campaignHarness();
  ctx.h = h;
  h.slack.failNext('chat.postMessage', 'fatal_error');
  const view = await openNew(h);
  await submit(h, view, { name: 'Critical alerts sweep' });
  await waitFor(
    () =>
      h.slack.callsTo('views.update').find((u) => /not finished yet/.test(JSON.stringify(u.args))),
    15_000,
    'the partial set-up',
  );
  const [half] = await h.bot.ctx.repos.campaigns.list();
  assert.ok(half?.number, 'GitHub number saved before the channel');
  assert.ok(half?.channelId);
  assert.is(half?.cardTs, undefined);

  await runAfterSync(h.bot.ctx, half as CampaignRecord, campaignAfterSyncHooks);
  await runAfterSync(
    h.bot.ctx,
    (await h.bot.ctx.repos.campaigns.get(half?.id ?? '')) as CampaignRecord,
    campaignAfterSyncHooks,
  );
  const done = await h.bot.ctx.repos.campaigns.get(half?.id ?? '');
  assert.is(h.slack.callsTo('conversations.create').length, 1);
  assert.is(done?.channelId, half?.channelId);
  const channel = h.slack.state.channels.get(done?.channelId ?? '');
  assert.is(channel?.pins.length, 1);
  assert.is(channel?.bookmarks.length, 1);
  assert.ok(channel?.members.has(LEAD));
  const creates = h.github.requests.filter((r) => r.operationId === 'campaigns/create-campaign');
  assert.is(creates.length, 1);
});

t(
  'a publish whose answer was lost finds the campaign instead of creating it again',
  async (ctx) => {
    const started = new Date(Date.now() - 5_000).toISOString();
    const h = await campaignHarness(
      baseOrg({
        campaigns: [
          {
            number: 7,
            name: 'Lost answer',
            managers: ['kim-lead'],
            createdAt: new Date().toISOString(),
            endsAt: '2099-01-01T00:00:00Z',
          },
        ],
      }),
    );
    ctx.h = h;
    const record: CampaignRecord = {
      id: 'c-lost',
      kind: 'code',
      state: 'draft',
      name: 'Lost answer',
      description: 'x',
      endsAt: '2099-01-01T00:00:00Z',
      managers: ['kim-lead'],
      teamManagers: [],
      members: [{ repoId: 1, repo: 'acme/payments', number: 1 }],
      createdAt: started,
      updatedAt: started,
      publishStartedAt: started,
    };
    const done = await publishCampaign(h.bot.ctx, h.bot.ctx.githubAs('tok-kim-lead'), record);
    assert.is(done.number, 7);
    assert.is(done.state, 'open');
    assert.is(h.github.writes().length, 0);
  },
);

t.run();
