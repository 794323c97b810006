// Event to DM: from a signed delivery leaving GitHub to the Slack double receiving the
// assignment DM, at a steady 200 deliveries a second.
import { createRepos } from '../src/app-context.ts';
import { codeScanningAlertEvent } from '../test/fixtures/github-webhooks.ts';
import { ORG } from '../test/helpers/harness.ts';
import { githubSignature } from '../test/helpers/sign-github.ts';
import type { BenchWorld } from './bench-world.ts';
import { type LoadRequest, openLoop } from './load.ts';
import { ms, summarize } from './stats.ts';
import { type BenchRow, row } from './table.ts';

const WAIT_FOR_DMS_MS = 30_000;

interface DmRun {
  rate: number;
  durationMs: number;
  /** A repository of its own, so each run's alerts are new to the bot. */
  repoId: number;
  figure: string;
  goal: string;
  /** Null: the figure is reported, not judged. */
  p99GoalMs: number | null;
}

const STEADY: DmRun = {
  rate: 200,
  durationMs: 3000,
  repoId: 8100,
  figure: 'p50 / p99 at 200 deliveries/s',
  goal: 'p99 < 500 ms, every alert DMed once',
  p99GoalMs: 500,
};

// Above 500 a second the worker rests while the intake answers GitHub: what that costs the
// developers waiting for their DMs.
const BURST: DmRun = {
  rate: 1000,
  durationMs: 2000,
  repoId: 8101,
  figure: 'p50 / p99 during a burst of 1,000 deliveries/s for 2 s',
  goal: 'reported; every alert DMed once',
  p99GoalMs: null,
};

export async function eventToDmBench(world: BenchWorld): Promise<BenchRow[]> {
  return [...(await dmRun(world, STEADY)), ...(await dmRun(world, BURST))];
}

async function dmRun(world: BenchWorld, run: DmRun): Promise<BenchRow[]> {
  const { rate: RATE, durationMs: DURATION_MS } = run;
  await createRepos(world.kv).identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-bench',
    source: 'admin',
    linkedAt: new Date().toISOString(),
  });
  const count = Math.floor((RATE * DURATION_MS) / 1000);
  // Each delivery assigns a different alert, so each must produce its own DM.
  const requests: LoadRequest[] = [];
  for (let i = 0; i < count; i++) {
    const body = JSON.stringify(
      codeScanningAlertEvent('updated_assignment', {
        org: ORG,
        repo: {
          id: run.repoId,
          name: `dm-bench-${run.repoId}`,
          full_name: `${ORG}/dm-bench-${run.repoId}`,
        },
        number: i + 1,
        location: { path: `src/bench/dm${i}.js`, start_line: 1 },
        assignees: ['dev-bench'],
      }),
    );
    requests.push({
      path: '/github/webhooks',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'code_scanning_alert',
        'x-github-delivery': `dm-bench-${run.repoId}-${i}-${Date.now()}`,
        'x-hub-signature-256': await githubSignature(world.secret, body),
      },
      body,
    });
  }
  const sentAt = new Map<number, number>();
  const before = world.slack.callsTo('chat.postMessage').length;
  const load = await openLoop({
    origin: world.botUrl,
    rate: RATE,
    durationMs: DURATION_MS,
    maxInFlight: 256,
    next: (i) => {
      sentAt.set(i, Date.now());
      return requests[i]!;
    },
  });
  const dms = () => world.slack.callsTo('chat.postMessage').slice(before);
  const until = Date.now() + WAIT_FOR_DMS_MS;
  const named = () => new Set(JSON.stringify(dms().map((c) => c.args)).match(/dm\d+\.js/g)).size;
  while (named() < load.sent && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
  }
  const latencies: number[] = [];
  const seen = new Set<number>();
  // Alerts that reach one person close together share a DM: each alert counts when the
  // first DM naming it arrives.
  for (const call of dms()) {
    for (const m of JSON.stringify(call.args).matchAll(/dm(\d+)\.js/g)) {
      const i = Number(m[1]);
      const t0 = sentAt.get(i);
      if (t0 === undefined || seen.has(i)) continue;
      seen.add(i);
      latencies.push(call.time - t0);
    }
  }
  const s = summarize(latencies);
  const missing = load.sent - seen.size;
  // Alerts named in more than one message were told twice.
  const messagesPerAlert = new Map<string, number>();
  for (const call of dms()) {
    for (const name of new Set(JSON.stringify(call.args).match(/dm\d+\.js/g) ?? [])) {
      messagesPerAlert.set(name, (messagesPerAlert.get(name) ?? 0) + 1);
    }
  }
  const twice = [...messagesPerAlert.values()].filter((n) => n > 1).length;
  // How long after the last delivery went out the last alert was told.
  const lastSent = Math.max(...sentAt.values());
  const lastTold = Math.max(...dms().map((c) => c.time));
  const tail = run.p99GoalMs === null ? `; last DM ${ms(lastTold - lastSent)} after the burst` : '';
  const everyOnce = missing === 0 && twice === 0;
  return [
    row(
      'Event to DM',
      `${run.figure} (${load.sent} sent)`,
      `${ms(s.p50)} / ${ms(s.p99)}${missing ? `; ${missing} alerts never DMed` : ''}` +
        `${twice ? `; ${twice} alerts DMed twice` : ''}; ${dms().length} DMs (batched)${tail}`,
      run.goal,
      run.p99GoalMs === null ? (everyOnce ? undefined : false) : s.p99 < run.p99GoalMs && everyOnce,
    ),
  ];
}
