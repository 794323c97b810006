// Last-seen state of each alert Burndown tracks: the base for telling what changed,
// whether the news came by webhook or by poll. One hash per repository and kind holds its
// alerts by number, plus what they share (see alert-snapshot-codec.ts): Redis keeps one
// small value per alert instead of a key and the whole snapshot's JSON each.
import type { AlertRef, AlertSnapshot } from '../domain/types.ts';
import {
  BASE_FIELD,
  decodeAlert,
  encodeAlert,
  parseAlert,
  REPO_FIELD,
  type RepoShared,
  ruleField,
  urlBase,
} from './alert-snapshot-codec.ts';
import type { Kv } from './kv.ts';

type Ref = Pick<AlertRef, 'kind' | 'repoId' | 'number'>;

/** When the shared name and base were last set: the updatedAt of the alert that set them. */
const SHARED_AT_FIELD = '~at';

export const alertsKey = (ref: Pick<AlertRef, 'kind' | 'repoId'>) =>
  `alerts:${ref.kind}:${ref.repoId}`;

export class AlertStateRepo {
  constructor(private readonly kv: Kv) {}

  async get(ref: Ref): Promise<AlertSnapshot | null> {
    return (await this.getMany([ref]))[0] ?? null;
  }

  async getMany(refs: Ref[]): Promise<(AlertSnapshot | null)[]> {
    // Every read of a step is issued before any is awaited: the Redis client sends them as
    // one pipeline, so a campaign of thousands costs two round trips, not one per alert.
    const shared = new Map<string, Promise<RepoShared>>();
    for (const key of new Set(refs.map(alertsKey))) shared.set(key, this.shared(key));
    const values = refs.map((r) => this.kv.hGet(alertsKey(r), String(r.number)));
    const [repos, raws] = await Promise.all([
      Promise.all(refs.map((r) => shared.get(alertsKey(r))!)),
      Promise.all(values),
    ]);
    const stored = raws.map((raw) => (raw ? parseAlert(raw) : null));
    const rules = new Map<string, Promise<string | null>>();
    const ruleOf = (i: number) => {
      const key = alertsKey(refs[i]!);
      const field = ruleField(stored[i]!);
      const at = `${key} ${field}`;
      if (!rules.has(at)) rules.set(at, this.kv.hGet(key, field));
      return rules.get(at)!;
    };
    const ruleJsons = await Promise.all(stored.map((s, i) => (s ? ruleOf(i) : null)));
    return stored.map((s, i) => {
      const rule = ruleJsons[i];
      // A rule part is never deleted while its alerts are stored; were one lost anyway, the
      // alert reads as unknown, so callers fetch it from GitHub again and put rewrites both.
      return s && rule ? decodeAlert(refs[i]!, s, rule, repos[i]!) : null;
    });
  }

  async put(snapshot: AlertSnapshot): Promise<void> {
    await this.putMany([snapshot]);
  }

  /**
   * Stores several snapshots with one write per repository. When they disagree on the
   * repository's name or URL base (it was renamed in between), the most recently updated
   * one's are kept for the repository, and only if it is newer than the one that set them
   * last: a late or redelivered old delivery must not rename the repository back. A URL that
   * then no longer matches the base is kept whole.
   */
  async putMany(snapshots: AlertSnapshot[]): Promise<void> {
    const byRepo = new Map<string, AlertSnapshot[]>();
    for (const s of snapshots) {
      const group = byRepo.get(alertsKey(s)) ?? [];
      group.push(s);
      byRepo.set(alertsKey(s), group);
    }
    await Promise.all(
      [...byRepo].map(async ([key, group]) => {
        const newest = group.reduce((a, b) => (b.updatedAt >= a.updatedAt ? b : a));
        const [stored, setAt] = await Promise.all([
          this.shared(key),
          this.kv.hGet(key, SHARED_AT_FIELD),
        ]);
        const takesOver = !stored.repo || setAt === null || newest.updatedAt >= setAt;
        const shared: RepoShared = takesOver
          ? { repo: newest.repo, base: urlBase(newest) }
          : stored;
        const fields: Record<string, string> = {};
        if (takesOver) {
          fields[REPO_FIELD] = shared.repo;
          fields[SHARED_AT_FIELD] = newest.updatedAt;
          // A URL not in GitHub's usual form leaves the base as it was; such an alert keeps
          // its URL whole instead.
          if (shared.base !== undefined) fields[BASE_FIELD] = shared.base;
        }
        for (const s of group) {
          const encoded = encodeAlert(s, shared);
          fields[String(s.number)] = encoded.value;
          fields[encoded.ruleField] = encoded.rule;
        }
        await this.kv.hSet(key, fields);
      }),
    );
  }

  /**
   * Forgets one alert. The repository's shared fields and rule parts stay, even when no
   * alert uses them any more: they are few per repository, and deleting one could race
   * with a put that is about to rely on it.
   */
  async remove(ref: Ref): Promise<void> {
    await this.kv.hDel(alertsKey(ref), String(ref.number));
  }

  private async shared(key: string): Promise<RepoShared> {
    const [repo, base] = await Promise.all([
      this.kv.hGet(key, REPO_FIELD),
      this.kv.hGet(key, BASE_FIELD),
    ]);
    return { repo: repo ?? '', base: base ?? undefined };
  }
}
