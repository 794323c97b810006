import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignMember } from '../../src/domain/campaign.ts';
import type { AlertKind } from '../../src/domain/types.ts';
import { CampaignRepo } from '../../src/store/campaign-repo.ts';
import { campaignRecord } from '../helpers/campaign-record.ts';
import { STORES, type TestKv } from '../helpers/kv.ts';

const member = (repoId: number, number: number): CampaignMember => ({
  repoId,
  repo: `acme/repo-${repoId}`,
  number,
});

const campaign = campaignRecord;

for (const [name, make] of STORES) {
  const t = suite<{ s: TestKv; campaigns: CampaignRepo }>(
    `campaign repo (${name})`,
    {} as { s: TestKv; campaigns: CampaignRepo },
  );
  t.before.each(async (ctx) => {
    ctx.s = await make();
    ctx.campaigns = new CampaignRepo(ctx.s.kv);
  });
  t.after.each(async (ctx) => {
    await ctx.s.cleanup();
  });

  const ids = async (campaigns: CampaignRepo, kind: AlertKind, repoId: number, number: number) =>
    (await campaigns.forAlert({ kind, repoId, number })).map((c) => c.id).sort();

  t('forAlert finds every campaign that lists the alert, and no other', async ({ campaigns }) => {
    await campaigns.save(campaign('c1', [member(10, 1), member(10, 2), member(20, 3)]));
    await campaigns.save(campaign('c2', [member(10, 2), member(30, 1)]));
    assert.equal(await ids(campaigns, 'code', 10, 2), ['c1', 'c2']);
    assert.equal(await ids(campaigns, 'code', 10, 1), ['c1']);
    assert.equal(await ids(campaigns, 'code', 30, 1), ['c2']);
    assert.equal(await ids(campaigns, 'code', 10, 3), [], 'same number, other repository');
    assert.equal(await ids(campaigns, 'code', 40, 1), []);
    const found = await campaigns.forAlert({ kind: 'code', repoId: 20, number: 3 });
    assert.equal(found, [campaign('c1', [member(10, 1), member(10, 2), member(20, 3)])]);
  });

  t('a code campaign does not claim the secret alert with the same number', async (ctx) => {
    await ctx.campaigns.save(campaign('c1', [member(10, 1)]));
    await ctx.campaigns.save(campaign('s2', [member(10, 2)], 'secret'));
    assert.equal(await ids(ctx.campaigns, 'secret', 10, 1), []);
    assert.equal(await ids(ctx.campaigns, 'secret', 10, 2), ['s2']);
    assert.equal(await ids(ctx.campaigns, 'code', 10, 2), []);
  });

  t('forAlert follows members added and dropped across saves', async ({ campaigns }) => {
    await campaigns.save(campaign('c1', [member(10, 1), member(10, 2), member(20, 3)]));
    await campaigns.save(campaign('c2', [member(10, 2)]));
    // c1 drops alert 2 and all of repository 20, and gains alert 4 and repository 50.
    await campaigns.save(campaign('c1', [member(10, 1), member(10, 4), member(50, 1)]));
    assert.equal(await ids(campaigns, 'code', 10, 2), ['c2']);
    assert.equal(await ids(campaigns, 'code', 20, 3), []);
    assert.equal(await ids(campaigns, 'code', 10, 4), ['c1']);
    assert.equal(await ids(campaigns, 'code', 50, 1), ['c1']);
    // Saving again unchanged, and saving with no members at all.
    await campaigns.save(campaign('c1', [member(10, 1), member(10, 4), member(50, 1)]));
    assert.equal(await ids(campaigns, 'code', 10, 1), ['c1']);
    await campaigns.save(campaign('c2', []));
    assert.equal(await ids(campaigns, 'code', 10, 2), []);
    assert.equal((await campaigns.forAlert({ kind: 'code', repoId: 10, number: 1 }))[0]?.members, [
      member(10, 1),
      member(10, 4),
      member(50, 1),
    ]);
  });

  t('a removed campaign answers for no alert and leaves no index behind', async (ctx) => {
    const { campaigns, s } = ctx;
    await campaigns.save(campaign('c1', [member(10, 1), member(20, 2)]));
    await campaigns.save(campaign('c2', [member(10, 1)]));
    await campaigns.remove('c1');
    assert.equal(await ids(campaigns, 'code', 10, 1), ['c2']);
    assert.equal(await ids(campaigns, 'code', 20, 2), []);
    assert.is(await campaigns.get('c1'), null);
    assert.is(await campaigns.getByNumber(1), null);
    await campaigns.remove('c2');
    await campaigns.remove('never-saved');
    assert.equal(await campaigns.list(), []);
    assert.equal(await s.kv.scanKeys('campaign-alerts:*'), []);
    assert.equal(await s.kv.scanKeys('repo-campaigns:*'), []);
  });

  t.run();
}
