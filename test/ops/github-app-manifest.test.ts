import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { handledEvents } from '../../src/doctor/required-access.ts';
import { webhookHandlers } from '../../src/webhooks/all-handlers.ts';
import { REPO_ROOT } from './app-surface.ts';
import {
  type GitHubAppManifest,
  githubAppProblems,
  githubCallsInSource,
} from './github-app-check.ts';

const load = (name: string): GitHubAppManifest =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'manifests', name), 'utf8'));
const events = () => handledEvents(webhookHandlers);

const t = suite('GitHub App manifests');

t('the default App asks for least permissions and the events the handlers take', () => {
  const calls = githubCallsInSource();
  assert.ok(calls.some((c) => c.permission === 'security_events'));
  assert.equal(githubAppProblems(load('github-app.json'), events(), calls, { autofix: false }), []);
  assert.not.ok('contents' in load('github-app.json').default_permissions!);
});

t('the autofix variant adds Contents: write and nothing else', () => {
  const base = load('github-app.json');
  const autofix = load('github-app-autofix.json');
  const calls = githubCallsInSource();
  assert.equal(githubAppProblems(autofix, events(), calls, { autofix: true }), []);
  assert.equal(autofix.default_permissions, { ...base.default_permissions, contents: 'write' });
  assert.equal(autofix.default_events, base.default_events);
});

t('a handled event or a called endpoint missing from the manifest fails the check', () => {
  const m = load('github-app.json');
  m.default_events = m.default_events!.filter((e) => e !== 'secret_scanning_alert');
  delete m.default_permissions!.organization_campaigns;
  const calls = githubCallsInSource();
  const problems = githubAppProblems(m, events(), calls, { autofix: false });
  assert.ok(problems.includes('event secret_scanning_alert is handled but not in default_events'));
  assert.ok(problems.some((p) => p.endsWith('needs organization_campaigns: read')));
  const extra = githubAppProblems(load('github-app.json'), [...events(), 'push'], calls, {
    autofix: false,
  });
  assert.ok(extra.includes('event push is handled but not in default_events'));
});

t('a permission beyond what Burndown needs fails the check', () => {
  const m = load('github-app.json');
  m.default_permissions!.administration = 'write';
  const problems = githubAppProblems(m, events(), githubCallsInSource(), { autofix: false });
  assert.ok(problems.includes("permission administration: write differs from the doctor's none"));
});

t.run();
