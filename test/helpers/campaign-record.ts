// A campaign record as the store keeps it, for tests of the store itself: the campaign
// number is read from the id's digits (`c2` is #2) so that number lookups have something.
import type { CampaignMember, CampaignRecord } from '../../src/domain/campaign.ts';
import type { AlertKind } from '../../src/domain/types.ts';

export function campaignRecord(
  id: string,
  members: CampaignMember[],
  kind: AlertKind = 'code',
): CampaignRecord {
  return {
    id,
    number: Number(id.replace(/\D/g, '')) || undefined,
    kind,
    state: 'open',
    name: `Campaign ${id}`,
    description: 'Fix them all',
    endsAt: '2027-06-30T00:00:00Z',
    managers: ['octo-lead'],
    teamManagers: [],
    members,
    createdAt: '2026-10-01T09:00:00Z',
    updatedAt: '2026-10-01T09:00:00Z',
  };
}
