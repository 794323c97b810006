// Last-seen state of each alert Burndown tracks: the base for telling what changed,
// whether the news came by webhook or by poll.
import { type AlertRef, type AlertSnapshot, alertKey } from '../domain/types.ts';
import type { Kv } from './kv.ts';

export class AlertStateRepo {
  constructor(private readonly kv: Kv) {}

  async get(ref: Pick<AlertRef, 'kind' | 'repoId' | 'number'>): Promise<AlertSnapshot | null> {
    const raw = await this.kv.get(`alert:${alertKey(ref)}`);
    return raw ? (JSON.parse(raw) as AlertSnapshot) : null;
  }

  async getMany(
    refs: Pick<AlertRef, 'kind' | 'repoId' | 'number'>[],
  ): Promise<(AlertSnapshot | null)[]> {
    const raws = await this.kv.mGet(refs.map((r) => `alert:${alertKey(r)}`));
    return raws.map((raw) => (raw ? (JSON.parse(raw) as AlertSnapshot) : null));
  }

  async put(snapshot: AlertSnapshot): Promise<void> {
    await this.kv.set(`alert:${alertKey(snapshot)}`, JSON.stringify(snapshot));
  }
}
