// `npm run demo`: the real bot against the GitHub and Slack doubles, seeded with a
// realistic organization, walked through what Burndown does. Offline, start to end.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdentityMapFile } from '../../src/identity/load-map-file.ts';
import { MemoryKv } from '../../src/store/memory-kv.ts';
import { seedRealisticOrg, startGitHubDouble } from '../doubles/github/index.ts';
import { startSlackDouble } from '../doubles/slack/index.ts';
import { ORG, startHarness } from '../helpers/harness.ts';
import { allSteps } from './steps/all-steps.ts';
import { Tour } from './tour-kit.ts';
import { DEMO_IDENTITY_MAP, DEMO_WORKSPACE } from './workspace.ts';

const github = await startGitHubDouble();
const slack = await startSlackDouble({ workspace: DEMO_WORKSPACE });
const seeded = seedRealisticOrg(github, { org: ORG, seed: 7 });
const kv = new MemoryKv();
const h = await startHarness({ shared: { kv, github, slack } });

const dir = await mkdtemp(join(tmpdir(), 'burndown-demo-'));
const mapFile = join(dir, 'identity-map.yml');
await writeFile(mapFile, DEMO_IDENTITY_MAP);
await loadIdentityMapFile(h.bot.ctx, mapFile);

const codeAlerts = seeded.repos.reduce((n, r) => n + r.codeAlerts.length, 0);
const secretAlerts = seeded.repos.reduce((n, r) => n + r.secretAlerts.length, 0);
console.log('Burndown offline tour');
console.log(
  `GitHub double: ${ORG}, ${seeded.repos.length} repositories, ${codeAlerts} code scanning ` +
    `and ${secretAlerts} secret scanning alerts. Slack double: ${DEMO_WORKSPACE.users?.length} people.`,
);

const tour = new Tour(h);
let failed = false;
for (const [i, step] of allSteps().entries()) {
  console.log(`\n### ${i + 1}. ${step.title}`);
  try {
    await step.run(tour);
  } catch (err) {
    failed = true;
    console.log(`  !! step failed: ${(err as Error).stack ?? err}`);
  }
}

const violations = [...github.violations, ...slack.violations.filter((v) => v.rejected)];
for (const v of violations) console.log(`  !! contract violation: ${JSON.stringify(v)}`);
await h.close();
await kv.close();
await github.close();
await slack.close();
console.log(failed || violations.length ? '\nTour finished with problems.' : '\nTour finished.');
process.exit(failed || violations.length ? 1 : 0);
