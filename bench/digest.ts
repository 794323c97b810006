// Digest bench (issue #6): ten campaigns of 1,000 alerts each, digest and chart included,
// against the goals "< 1 s for all ten" and "< 150 ms for one chart". Everything runs in
// this process on the in-memory store: what is measured is Burndown's own work (reading
// snapshots and history, building the messages, drawing the PNG), not a network.
import { countTotals } from '../src/digest/alert-totals.ts';
import { renderBurndownChart } from '../src/digest/burndown-chart.ts';
import { chartInput } from '../src/digest/compose-digest.ts';
import { addDays } from '../src/digest/day-key.ts';
import { buildDigestData } from '../src/digest/digest-data.ts';
import { digestMessages } from '../src/digest/digest-messages.ts';
import { dayPoint, HistoryStore } from '../src/digest/history-store.ts';
import type { CampaignRecord } from '../src/domain/campaign.ts';
import type { AlertSnapshot } from '../src/domain/types.ts';
import { AlertStateRepo } from '../src/store/alert-state-repo.ts';
import { MemoryKv } from '../src/store/memory-kv.ts';
import { ms, summarize } from './stats.ts';
import { type BenchRow, row } from './table.ts';

const CAMPAIGNS = 10;
const ALERTS = 1000;
const HISTORY_DAYS = 60;
const TODAY = '2026-12-01';
const NOW = new Date(`${TODAY}T09:00:00Z`);
const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const;

function campaignAlerts(c: number): AlertSnapshot[] {
  return Array.from({ length: ALERTS }, (_, i) => {
    const roll = (i * 7919 + c) % 100;
    const status = roll < 60 ? 'open' : roll < 85 ? 'fixed' : 'dismissed';
    return {
      kind: 'code',
      repoId: 1000 + (i % 80),
      repo: `acme/service-${i % 80}`,
      number: Math.floor(i / 80) + 1 + c * 100,
      status,
      state: status,
      assignees: i % 3 === 0 ? [`dev-${i % 25}`] : [],
      ruleId: 'js/sql-injection',
      title: 'Database query built from user-controlled sources',
      severity: SEVERITIES[i % 5]!,
      tags: ['security'],
      path: `src/module-${i % 40}/query.js`,
      line: 10 + (i % 300),
      htmlUrl: `https://github.com/acme/service-${i % 80}/security/code-scanning/${i}`,
      createdAt: new Date(Date.UTC(2026, 5, 1) + i * 3_600_000).toISOString(),
      updatedAt: `${addDays(TODAY, -(i % 20))}T12:00:00Z`,
    } satisfies AlertSnapshot;
  });
}

function campaign(c: number, alerts: AlertSnapshot[]): CampaignRecord {
  return {
    id: `bench-${c}`,
    number: c + 1,
    kind: 'code',
    state: 'open',
    name: `Bench campaign ${c + 1}`,
    description: '',
    endsAt: '2027-02-01T17:00:00Z',
    managers: ['lead'],
    teamManagers: [],
    members: alerts.map((a) => ({ repoId: a.repoId, repo: a.repo, number: a.number })),
    channelId: `C0BENCH${c}`,
    createdAt: '2026-10-01T09:00:00Z',
    updatedAt: '2026-10-01T09:00:00Z',
  };
}

async function seed(kv: MemoryKv): Promise<CampaignRecord[]> {
  const alerts = new AlertStateRepo(kv);
  const history = new HistoryStore(kv);
  const out: CampaignRecord[] = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const snapshots = campaignAlerts(c);
    for (const a of snapshots) await alerts.put(a);
    for (let d = HISTORY_DAYS; d > 0; d--) {
      const point = dayPoint(addDays(TODAY, -d), snapshots);
      // A steady burn: more open work further back.
      point.open += Math.round(d * 4);
      await history.record(`bench-${c}`, point);
    }
    out.push(campaign(c, snapshots));
  }
  return out;
}

/** One full digest: snapshots and history from the store, messages and the chart PNG. */
async function oneDigest(kv: MemoryKv, c: CampaignRecord): Promise<number> {
  const refs = c.members.map((m) => ({ kind: c.kind, ...m }));
  const snapshots = (await new AlertStateRepo(kv).getMany(refs)) as AlertSnapshot[];
  const history = await new HistoryStore(kv).list(c.id);
  const data = buildDigestData({
    campaign: c,
    snapshots,
    totals: countTotals(snapshots),
    history,
    now: NOW,
    timeZone: 'UTC',
  });
  const messages = digestMessages(data, (login) => login);
  const png = await renderBurndownChart(chartInput(data, 'UTC'));
  return messages.replies.length + png.length;
}

export async function digestBench(): Promise<BenchRow[]> {
  const kv = new MemoryKv();
  const campaigns = await seed(kv);
  // One warm-up: module compilation and font loading happen once per process.
  await oneDigest(kv, campaigns[0]!);

  const rounds: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (const c of campaigns) await oneDigest(kv, c);
    rounds.push(performance.now() - t0);
  }
  const input = chartInput(
    buildDigestData({
      campaign: campaigns[0]!,
      snapshots: [],
      totals: { open: 600, inProgress: 0, closed: 400 },
      history: await new HistoryStore(kv).list(campaigns[0]!.id),
      now: NOW,
      timeZone: 'UTC',
    }),
    'UTC',
  );
  const charts: number[] = [];
  for (let r = 0; r < 20; r++) {
    const t0 = performance.now();
    await renderBurndownChart(input);
    charts.push(performance.now() - t0);
  }
  await kv.close();

  const all = summarize(rounds);
  const chart = summarize(charts);
  return [
    row(
      'Digest',
      `${CAMPAIGNS} campaigns × ${ALERTS} alerts, chart included (p50 of 5 rounds; max)`,
      `${ms(all.p50)}; max ${ms(all.max)}`,
      '< 1 s',
      all.p50 < 1000,
    ),
    row(
      'Digest',
      `burndown chart PNG, ${HISTORY_DAYS} days of history (p50 of 20; p99)`,
      `${ms(chart.p50)}; p99 ${ms(chart.p99)}`,
      '< 150 ms',
      chart.p50 < 150,
    ),
  ];
}
