// Moves a store written by an earlier Burndown to today's alert layout, once per store:
// each snapshot from its own `alert:{kind}:{repoId}:{number}` string into its repository's
// hash, and the alert-to-campaign index from one set per alert to sets per campaign and
// repository (rebuilt from the campaign records, which are the truth it indexes).

import { z } from 'zod';
import type { AlertSnapshot } from '../domain/types.ts';
import type { Logger } from '../log.ts';
import { AlertStateRepo } from './alert-state-repo.ts';
import { CampaignRepo } from './campaign-repo.ts';
import type { Kv } from './kv.ts';
import { withLock } from './lock.ts';

export const ALERT_STORE_MARKER = 'schema:alert-store';
const VERSION = 2;
const LOCK = 'migrate:alert-store';
const LOCK_MS = 60_000;
const DEL_BATCH = 500;

// Only snapshots match. Other `alert:` names stay untouched: locks on an alert live under
// `lock:alert:…`, but nothing guarantees every future key under `alert:` is a snapshot.
const OLD_SNAPSHOT = /^alert:(code|secret):(\d+):(\d+)$/;

export interface AlertStoreMigration {
  /** False when the store was already migrated (by this or another replica). */
  ran: boolean;
  snapshots: number;
  /** `alert:*` keys left alone because they do not hold a snapshot. */
  skipped: number;
  oldIndexSets: number;
  indexedAlerts: number;
}

const NOTHING: AlertStoreMigration = {
  ran: false,
  snapshots: 0,
  skipped: 0,
  oldIndexSets: 0,
  indexedAlerts: 0,
};

const migrated = async (kv: Kv) => Number(await kv.get(ALERT_STORE_MARKER)) >= VERSION;

/**
 * Migrates unless the store says it was done. Replicas starting together race for a lock;
 * the others wait for the winner to finish, so none reads a half-moved store. A winner that
 * dies loses its lock with the TTL and the next replica starts over, which is safe: every
 * step only writes what the old keys say and deletes them after.
 */
export async function migrateAlertStore(
  kv: Kv,
  logger: Logger,
  options: { pollMs?: number } = {},
): Promise<AlertStoreMigration> {
  for (;;) {
    if (await migrated(kv)) return NOTHING;
    const run = await withLock(kv, LOCK, LOCK_MS, async () => {
      if (await migrated(kv)) return NOTHING;
      const started = Date.now();
      const result = await migrate(kv);
      await kv.set(ALERT_STORE_MARKER, String(VERSION));
      logger.info({ ...result, ms: Date.now() - started }, 'alert store migrated');
      return result;
    });
    if (run.ran) return run.value;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
  }
}

async function migrate(kv: Kv): Promise<AlertStoreMigration> {
  const alerts = new AlertStateRepo(kv);
  const result = { ...NOTHING, ran: true };
  const byRepo = new Map<string, { key: string; kind: string; repoId: number; n: number }[]>();
  for (const key of await kv.scanKeys('alert:*')) {
    const m = OLD_SNAPSHOT.exec(key);
    if (!m) {
      result.skipped++;
      continue;
    }
    const [, kind, repoId, n] = m as unknown as [string, string, string, string];
    const group = byRepo.get(`${kind}:${repoId}`) ?? [];
    group.push({ key, kind, repoId: Number(repoId), n: Number(n) });
    byRepo.set(`${kind}:${repoId}`, group);
  }
  // One repository at a time keeps memory to its alerts and lets putMany pick the newest
  // name when the repository was renamed while the old layout held it.
  for (const entries of byRepo.values()) {
    const raws = await Promise.all(entries.map((e) => kv.get(e.key).catch(() => null)));
    const moving: { key: string; snapshot: AlertSnapshot }[] = [];
    for (const [i, e] of entries.entries()) {
      const snapshot = parseSnapshot(raws[i] ?? null, e);
      if (snapshot) moving.push({ key: e.key, snapshot });
      else result.skipped++;
    }
    // A snapshot already in the new layout was written by this version; it wins unless the
    // old one is newer.
    const present = await alerts.getMany(moving.map((x) => x.snapshot));
    const newer = moving.filter((x, i) => {
      const now = present[i];
      return !now || now.updatedAt < x.snapshot.updatedAt;
    });
    await alerts.putMany(newer.map((x) => x.snapshot));
    await delAll(
      kv,
      moving.map((x) => x.key),
    );
    result.snapshots += moving.length;
  }
  const oldSets = await kv.scanKeys('alert-campaigns:*');
  await delAll(kv, oldSets);
  result.oldIndexSets = oldSets.length;
  result.indexedAlerts = await new CampaignRepo(kv).reindexAll();
  return result;
}

// What an older Burndown wrote for each alert. Anything else under an old snapshot's name
// (hand-edited, or written by a bug) is skipped and counted: one odd value must not stop
// every replica from starting.
const OldSnapshot = z.object({
  kind: z.enum(['code', 'secret']),
  repoId: z.number().int(),
  repo: z.string().min(1),
  number: z.number().int(),
  status: z.string(),
  state: z.string(),
  assignees: z.array(z.string()),
  ruleId: z.string(),
  title: z.string(),
  severity: z.string(),
  tags: z.array(z.string()),
  path: z.string().optional(),
  line: z.number().optional(),
  htmlUrl: z.string(),
  updatedAt: z.string(),
  createdAt: z.string(),
  closedBy: z.string().optional(),
  closedReason: z.string().optional(),
  closedComment: z.string().optional(),
  inProgress: z.boolean().optional(),
});

function parseSnapshot(
  raw: string | null,
  at: { kind: string; repoId: number; n: number },
): AlertSnapshot | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const v = OldSnapshot.safeParse(json);
  if (!v.success) return null;
  const fits = v.data.kind === at.kind && v.data.repoId === at.repoId && v.data.number === at.n;
  return fits ? (v.data as AlertSnapshot) : null;
}

async function delAll(kv: Kv, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += DEL_BATCH) await kv.del(...keys.slice(i, i + DEL_BATCH));
}
