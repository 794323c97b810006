// Campaigns and their alert membership. An index from alert to campaigns lets a webhook
// about one alert find the campaigns (and channels) that care about it.
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertKind, AlertRef } from '../domain/types.ts';
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
    await this.index(campaign.id, before ? byRepo(before) : new Map(), byRepo(campaign));
  }

  async remove(id: string): Promise<void> {
    const c = await this.get(id);
    if (!c) return;
    await this.index(id, byRepo(c), new Map());
    if (c.number !== undefined) await this.kv.del(`campaign-number:${c.number}`);
    await this.kv.sRem('campaigns', id);
    await this.kv.del(`campaign:${id}`);
  }

  /** Indexes every campaign's alerts again from the records; returns how many it indexed. */
  async reindexAll(): Promise<number> {
    let alerts = 0;
    for (const c of await this.list()) {
      const now = byRepo(c);
      await this.index(c.id, new Map(), now);
      for (const numbers of now.values()) alerts += numbers.size;
    }
    return alerts;
  }

  /** Campaigns (any state) that include this alert. */
  async forAlert(ref: Pick<AlertRef, 'kind' | 'repoId' | 'number'>): Promise<CampaignRecord[]> {
    const ids = await this.kv.sMembers(repoCampaignsKey(ref.kind, ref.repoId));
    const member = String(ref.number);
    const hits = await Promise.all(
      ids.map((id) => this.kv.sIsMember(campaignAlertsKey(id, ref.kind, ref.repoId), member)),
    );
    const found = await Promise.all(ids.filter((_, i) => hits[i]).map((id) => this.get(id)));
    return found.filter((c): c is CampaignRecord => c !== null);
  }

  /**
   * Moves the alert index of one campaign from `before` to `now`. Each repository's change
   * is one set command, and the repository leaves `repo-campaigns` when the campaign has
   * no alert left there, so a webhook from it no longer checks this campaign at all.
   */
  private async index(id: string, before: AlertsByRepo, now: AlertsByRepo): Promise<void> {
    const writes: Promise<unknown>[] = [];
    for (const [repo, numbers] of before) {
      const [kind, repoId] = splitRepo(repo);
      const kept = now.get(repo);
      const gone = [...numbers].filter((n) => !kept?.has(n));
      if (gone.length) writes.push(this.kv.sRem(campaignAlertsKey(id, kind, repoId), ...gone));
      if (!kept?.size) writes.push(this.kv.sRem(repoCampaignsKey(kind, repoId), id));
    }
    for (const [repo, numbers] of now) {
      if (!numbers.size) continue;
      const [kind, repoId] = splitRepo(repo);
      writes.push(this.kv.sAdd(campaignAlertsKey(id, kind, repoId), ...numbers));
      writes.push(this.kv.sAdd(repoCampaignsKey(kind, repoId), id));
    }
    // The writes touch disjoint members, so their order does not matter.
    await Promise.all(writes);
  }
}

// Two levels of sets instead of one per alert: alert numbers only (Redis keeps an
// all-integer set as a compact array), and campaign ids per repository, which stay few.
const campaignAlertsKey = (id: string, kind: AlertKind, repoId: number) =>
  `campaign-alerts:${id}:${kind}:${repoId}`;
const repoCampaignsKey = (kind: AlertKind, repoId: number) => `repo-campaigns:${kind}:${repoId}`;

/** Alert numbers by `{kind}:{repoId}`. */
type AlertsByRepo = Map<string, Set<string>>;

function byRepo(c: CampaignRecord): AlertsByRepo {
  const out: AlertsByRepo = new Map();
  for (const m of c.members) {
    const repo = `${c.kind}:${m.repoId}`;
    const numbers = out.get(repo) ?? new Set<string>();
    numbers.add(String(m.number));
    out.set(repo, numbers);
  }
  return out;
}

function splitRepo(repo: string): [AlertKind, number] {
  const [kind, repoId] = repo.split(':');
  return [kind as AlertKind, Number(repoId)];
}
