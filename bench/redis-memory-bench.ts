// Redis bytes per tracked alert: 10 campaigns of 1,000 alerts across 200 repositories, each
// alert's last-seen snapshot stored and indexed to its campaign, then every key under the
// prefix weighed with MEMORY USAGE.
import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { createRepos } from '../src/app-context.ts';
import type { CampaignRecord } from '../src/domain/campaign.ts';
import { codeAlertSnapshot } from '../src/github/alerts.ts';
import { RedisKv } from '../src/store/redis-kv.ts';
import { codeScanningAlertEvent } from '../test/fixtures/github-webhooks.ts';
import { ORG } from '../test/helpers/harness.ts';
import { BENCH_REDIS_URL, dropPrefix } from './bench-world.ts';
import { type BenchRow, row } from './table.ts';

const CAMPAIGNS = 10;
const ALERTS_PER_CAMPAIGN = 1000;
const REPOS = 200;
const RULES = ['js/sql-injection', 'js/xss', 'js/path-injection', 'py/command-line-injection'];

export async function redisMemoryBench(): Promise<BenchRow[]> {
  const prefix = `burndown-bench-mem:${randomUUID().slice(0, 8)}:`;
  const kv = await RedisKv.connect({ url: BENCH_REDIS_URL, prefix });
  const raw = createClient({ url: BENCH_REDIS_URL });
  raw.on('error', () => {});
  await raw.connect();
  try {
    const repos = createRepos(kv);
    // Real webhook shapes, one per repository, then varied per alert.
    const templates = Array.from({ length: REPOS }, (_, r) => {
      const name = `service-${String(r).padStart(3, '0')}`;
      const payload = codeScanningAlertEvent('updated_assignment', {
        org: ORG,
        repo: { id: 50_000 + r, name, full_name: `${ORG}/${name}` },
        rule: { id: RULES[r % RULES.length]! },
        assignees: [`developer-${r % 40}`],
      });
      return { alert: payload.alert, repo: payload.repository };
    });
    const total = CAMPAIGNS * ALERTS_PER_CAMPAIGN;
    const members: CampaignRecord['members'][] = Array.from({ length: CAMPAIGNS }, () => []);
    const puts: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const t = templates[i % REPOS]!;
      const number = Math.floor(i / REPOS) + 1;
      const alert = {
        ...t.alert,
        number,
        html_url: `${t.repo.html_url}/security/code-scanning/${number}`,
        most_recent_instance: {
          ...(t.alert.most_recent_instance ?? {}),
          location: { path: `src/modules/m${number}/handler.js`, start_line: 10 + (i % 400) },
        },
      };
      const snapshot = codeAlertSnapshot(alert, t.repo);
      puts.push(repos.alerts.put(snapshot));
      members[i % CAMPAIGNS]!.push({ repoId: t.repo.id, repo: t.repo.full_name, number });
      if (puts.length >= 500) await Promise.all(puts.splice(0));
    }
    await Promise.all(puts);
    const now = new Date().toISOString();
    for (let c = 0; c < CAMPAIGNS; c++) {
      await repos.campaigns.save({
        id: `bench-${c}`,
        number: c + 1,
        kind: 'code',
        state: 'open',
        name: `Burn down campaign ${c + 1}`,
        description: 'Fix the injection findings before the audit.',
        endsAt: '2027-06-30T00:00:00Z',
        managers: ['octo-lead'],
        teamManagers: [],
        members: members[c]!,
        createdAt: now,
        updatedAt: now,
      });
    }
    const keys = await kv.scanKeys('*');
    let bytes = 0;
    for (let i = 0; i < keys.length; i += 1000) {
      // SAMPLES 0 weighs every element: by default Redis extrapolates a hash from five of
      // them, and a repository's hash mixes alerts with a few short shared fields.
      const sizes = await Promise.all(
        keys.slice(i, i + 1000).map((k) => raw.memoryUsage(prefix + k, { SAMPLES: 0 })),
      );
      bytes += sizes.reduce<number>((n, s) => n + Number(s ?? 0), 0);
    }
    const perAlert = bytes / total;
    return [
      row(
        'Memory',
        `Redis bytes per tracked alert (${total} alerts, ${CAMPAIGNS} campaigns, ${REPOS} repos)`,
        `${perAlert.toFixed(0)} B (${(bytes / 1024 / 1024).toFixed(1)} MB in ${keys.length} keys)`,
        '< 512 B',
        perAlert < 512,
      ),
    ];
  } finally {
    await dropPrefix(kv);
    await kv.close();
    await raw.close();
  }
}
