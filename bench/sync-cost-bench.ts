// Sync cost: what a poll spends of GitHub's rate limit. 10 campaigns of 1,000 alerts across
// 200 repositories in the GitHub double; a first full sync against the floor of one list
// page per 100 alerts, a poll with nothing changed, and a poll after k alerts changed.
import type { CampaignRecord } from '../src/domain/campaign.ts';
import { MemoryKv } from '../src/store/memory-kv.ts';
import { type GitHubDouble, seedOrg, startGitHubDouble } from '../test/doubles/github/index.ts';
import { startSlackDouble } from '../test/doubles/slack/index.ts';
import { type Harness, ORG, startHarness } from '../test/helpers/harness.ts';
import { type BenchRow, notMeasured, row } from './table.ts';

const CAMPAIGNS = 10;
const REPOS = 200;
const ALERTS_PER_REPO = 50;
const CHANGED = 250;

type PollFn = (ctx: Harness['bot']['ctx']) => Promise<unknown>;

async function findPoll(): Promise<PollFn | string> {
  try {
    const mod = (await import('../src/sync/poll.ts')) as { pollGitHub?: PollFn };
    return mod.pollGitHub ?? 'src/sync/poll.ts has no pollGitHub';
  } catch (err) {
    return `the poll (issue #5) is not there: ${(err as Error).message.slice(0, 80)}`;
  }
}

function seed(h: Harness) {
  const repos = Array.from({ length: REPOS }, (_, r) => `service-${String(r).padStart(3, '0')}`);
  const numbers = Array.from({ length: ALERTS_PER_REPO }, (_, n) => n + 1);
  const perCampaign = REPOS / CAMPAIGNS;
  seedOrg(h.github, {
    org: ORG,
    users: [{ login: 'octo-lead', role: 'admin', securityManager: true }, 'dev-a'],
    repos,
    codeAlerts: repos.flatMap((repo) =>
      numbers.map((number) => ({ repo, number, ruleId: 'js/sql-injection' })),
    ),
    campaigns: Array.from({ length: CAMPAIGNS }, (_, c) => ({
      number: c + 1,
      name: `Burn down ${c + 1}`,
      endsAt: '2027-06-30T00:00:00Z',
      managers: ['octo-lead'],
      codeAlerts: repos.slice(c * perCampaign, (c + 1) * perCampaign).map((repo) => ({
        repo,
        numbers,
      })),
    })),
  });
}

/** Burndown created these campaigns, so it knows their members. */
async function remember(h: Harness) {
  const now = new Date().toISOString();
  const byName = new Map(Object.values(h.github.state.repos).map((r) => [r.repo.name, r.repo]));
  for (let c = 0; c < CAMPAIGNS; c++) {
    const members: CampaignRecord['members'] = [];
    for (let r = c * (REPOS / CAMPAIGNS); r < (c + 1) * (REPOS / CAMPAIGNS); r++) {
      const repo = byName.get(`service-${String(r).padStart(3, '0')}`)!;
      for (let n = 1; n <= ALERTS_PER_REPO; n++) {
        members.push({ repoId: repo.id, repo: repo.full_name, number: n });
      }
    }
    await h.bot.ctx.repos.campaigns.save({
      id: `bench-${c + 1}`,
      number: c + 1,
      kind: 'code',
      state: 'open',
      name: `Burn down ${c + 1}`,
      description: '',
      endsAt: '2027-06-30T00:00:00Z',
      managers: ['octo-lead'],
      teamManagers: [],
      members,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** Changes k alerts the way a person on GitHub would: dismissing them. */
function changeAlerts(github: GitHubDouble, k: number) {
  const at = new Date(github.now() + 60_000).toISOString();
  let left = k;
  for (const record of Object.values(github.state.repos)) {
    for (const alert of record.codeAlerts as Record<string, unknown>[]) {
      if (left-- <= 0) return;
      alert.state = 'dismissed';
      alert.dismissed_reason = 'false positive';
      alert.dismissed_at = at;
      alert.updated_at = at;
    }
  }
}

async function counted(github: GitHubDouble, work: () => Promise<unknown>) {
  const before = github.requests.length;
  await work();
  const made = github.requests.slice(before);
  return {
    all: made.length,
    counted: made.filter((r) => r.counted).length,
    alertPages: made.filter((r) => /code-scanning\/alerts$/.test(r.path)).length,
  };
}

export async function syncCostBench(): Promise<BenchRow[]> {
  const total = REPOS * ALERTS_PER_REPO;
  const floor = Math.ceil(total / 100);
  const poll = await findPoll();
  if (typeof poll === 'string') {
    return [notMeasured('Sync cost', 'first sync, steady state, k changed', 'see issue #9', poll)];
  }
  // Response validation is the test suite's job; here it would only slow the polls down.
  const github = await startGitHubDouble({ validateResponses: false });
  const slack = await startSlackDouble();
  const kv = new MemoryKv();
  const h = await startHarness({ shared: { kv, github, slack } });
  try {
    seed(h);
    await remember(h);
    const first = await counted(h.github, () => poll(h.bot.ctx));
    const steady = await counted(h.github, () => poll(h.bot.ctx));
    changeAlerts(h.github, CHANGED);
    const changed = await counted(h.github, () => poll(h.bot.ctx));
    const allowed = Math.ceil(CHANGED / 100) + 1;
    return [
      row(
        'Sync cost',
        `first full sync, ${CAMPAIGNS} campaigns x 1,000 alerts, ${REPOS} repos`,
        `${first.alertPages} alert list pages (${first.all} requests in all, ` +
          `${first.counted} counted)`,
        `floor ${floor} pages`,
        first.alertPages <= floor + 1,
      ),
      row(
        'Sync cost',
        'steady state, nothing changed: counted requests per poll',
        `${steady.counted} (${steady.all} requests, the rest 304)`,
        '<= 1',
        steady.counted <= 1,
      ),
      row(
        'Sync cost',
        `k = ${CHANGED} alerts changed: counted requests`,
        `${changed.counted} (${changed.all} requests)`,
        `<= ceil(k/100)+1 = ${allowed}`,
        changed.counted <= allowed,
      ),
    ];
  } finally {
    await h.close();
    await kv.close();
    await github.close();
    await slack.close();
  }
}
