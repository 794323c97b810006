import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { matchCampaigns } from '../../src/campaigns/find-campaign.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';

function campaign(id: string, number: number | undefined, name: string): CampaignRecord {
  return {
    id,
    number,
    kind: 'code',
    state: 'open',
    name,
    description: 'd',
    endsAt: '2027-01-01T00:00:00Z',
    managers: ['lead'],
    teamManagers: [],
    members: [],
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };
}

const all = [
  campaign('a', 1, 'Critical SQL injection'),
  campaign('b', 2, 'SQL injection in payments'),
  campaign('c', undefined, 'XSS cleanup'),
];

test('a quoted name finds the campaign as the bare name does', () => {
  assert.equal(
    matchCampaigns(all, '"Critical SQL injection"').map((c) => c.id),
    ['a'],
  );
  assert.equal(
    matchCampaigns(all, '“Critical SQL injection”').map((c) => c.id),
    ['a'],
  );
});

test('numbers with or without # pick the GitHub number', () => {
  assert.equal(
    matchCampaigns(all, '#2').map((c) => c.id),
    ['b'],
  );
  assert.equal(matchCampaigns(all, '7'), []);
});

test('an exact name wins over names that merely contain it', () => {
  assert.equal(
    matchCampaigns([...all, campaign('d', 4, 'XSS cleanup round two')], 'xss cleanup').map(
      (c) => c.id,
    ),
    ['c'],
  );
});

test('part of a name lists every campaign that contains it', () => {
  assert.equal(
    matchCampaigns(all, 'sql injection').map((c) => c.id),
    ['a', 'b'],
  );
  assert.equal(matchCampaigns(all, '   '), []);
});

test.run();
