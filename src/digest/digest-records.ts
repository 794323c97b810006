// The digest posted for each campaign on each day: where its messages are (so a re-run the
// same day edits them instead of posting again) and what it showed (so the next day's
// digest can say what changed). One hash per campaign, field = day; old days are pruned.
import type { Kv } from '../store/kv.ts';
import type { Totals } from './alert-totals.ts';

export interface DigestRecord {
  channel: string;
  /** The parent message. */
  ts: string;
  /** Thread replies with details, in order. */
  replies: string[];
  /** Fingerprint of the chart data last uploaded, so an unchanged chart is not repeated. */
  chartHash?: string;
  totals: Totals;
  fixedKeys: string[];
}

// Enough to look back over a long weekend and holidays; older days only take space.
const KEEP_DAYS = 21;
const key = (scope: string) => `digests:${scope}`;

export class DigestRecords {
  constructor(private readonly kv: Kv) {}

  async get(scope: string, day: string): Promise<DigestRecord | null> {
    const raw = await this.kv.hGet(key(scope), day);
    return raw ? (JSON.parse(raw) as DigestRecord) : null;
  }

  async save(scope: string, day: string, record: DigestRecord): Promise<void> {
    await this.kv.hSet(key(scope), { [day]: JSON.stringify(record) });
  }

  /** The latest digest from a day before `day`. */
  async before(scope: string, day: string): Promise<{ day: string; record: DigestRecord } | null> {
    const all = await this.kv.hGetAll(key(scope));
    const days = Object.keys(all).sort();
    const old = days.slice(0, Math.max(0, days.length - KEEP_DAYS));
    if (old.length) await this.kv.hDel(key(scope), ...old);
    const previous = days.filter((d) => d < day).at(-1);
    return previous ? { day: previous, record: JSON.parse(all[previous]!) as DigestRecord } : null;
  }
}
