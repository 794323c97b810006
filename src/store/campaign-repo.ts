// Campaigns and their alert membership. An index from alert to campaigns lets a webhook
// about one alert find the campaigns (and channels) that care about it.
import type { CampaignRecord } from '../domain/campaign.ts';
import { type AlertRef, alertKey } from '../domain/types.ts';
import type { Kv } from './kv.ts';

export class CampaignRepo {
  constructor(private readonly kv: Kv) {}

  async get(id: string): Promise<CampaignRecord | null> {
    const raw = await this.kv.get(`campaign:${id}`);
    return raw ? (JSON.parse(raw) as CampaignRecord) : null;
  }

  async getByNumber(number: number): Promise<CampaignRecord | null> {
    const id = await this.kv.get(`campaign-number:${number}`);
    return id ? this.get(id) : null;
  }

  async list(): Promise<CampaignRecord[]> {
    const ids = await this.kv.sMembers('campaigns');
    const raws = await this.kv.mGet(ids.map((id) => `campaign:${id}`));
    return raws
      .filter((r): r is string => r !== null)
      .map((r) => JSON.parse(r) as CampaignRecord)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Saves the record and keeps the number and alert indexes in step with it. */
  async save(campaign: CampaignRecord): Promise<void> {
    const before = await this.get(campaign.id);
    await this.kv.set(`campaign:${campaign.id}`, JSON.stringify(campaign));
    await this.kv.sAdd('campaigns', campaign.id);
    if (campaign.number !== undefined) {
      await this.kv.set(`campaign-number:${campaign.number}`, campaign.id);
    }
    const kind = campaign.kind;
    const now = new Set(campaign.members.map((m) => alertKey({ kind, ...m })));
    for (const m of before?.members ?? []) {
      const key = alertKey({ kind, ...m });
      if (!now.has(key)) await this.kv.sRem(`alert-campaigns:${key}`, campaign.id);
    }
    for (const key of now) await this.kv.sAdd(`alert-campaigns:${key}`, campaign.id);
  }

  async remove(id: string): Promise<void> {
    const c = await this.get(id);
    if (!c) return;
    for (const m of c.members) {
      await this.kv.sRem(`alert-campaigns:${alertKey({ kind: c.kind, ...m })}`, id);
    }
    if (c.number !== undefined) await this.kv.del(`campaign-number:${c.number}`);
    await this.kv.sRem('campaigns', id);
    await this.kv.del(`campaign:${id}`);
  }

  /** Campaigns (any state) that include this alert. */
  async forAlert(ref: Pick<AlertRef, 'kind' | 'repoId' | 'number'>): Promise<CampaignRecord[]> {
    const ids = await this.kv.sMembers(`alert-campaigns:${alertKey(ref)}`);
    const found = await Promise.all(ids.map((id) => this.get(id)));
    return found.filter((c): c is CampaignRecord => c !== null);
  }
}
