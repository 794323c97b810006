import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { gitRefs } from '../doubles/github/handlers/git-refs.ts';
import { type Harness, startHarness, waitFor } from '../helpers/harness.ts';
import {
  audit,
  click,
  codeAlert,
  current,
  PEOPLE,
  payments,
  postAlert,
  privateTexts,
  seedActions,
} from './action-kit.ts';

function autofixSuite(commits: boolean) {
  const t = suite<{ h: Harness }>(
    `autofix (commits ${commits ? 'on' : 'off'})`,
    {} as { h: Harness },
  );
  t.before.each(async (ctx) => {
    ctx.h = await startHarness({ env: { AUTOFIX_COMMITS_ENABLED: String(commits) } });
    await seedActions(ctx.h);
  });
  t.after.each(async ({ h }) => {
    h.github.assertNoViolations();
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
    await h.close();
  });
  return t;
}

const on = autofixSuite(true);

on(
  'a fix is shown, generated, watched until ready and committed to a new branch',
  async ({ h }) => {
    const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
    await click(h, PEOPLE.bob.slack, posted, 'alert:autofix');
    await waitFor(() => current(h, posted).edits.length === 1, 10_000, 'the autofix panel');
    assert.match(JSON.stringify(current(h, posted).blocks), 'no fix generated yet');

    await click(h, PEOPLE.bob.slack, posted, 'autofix:generate');
    await waitFor(() => current(h, posted).edits.length === 2, 3000, 'the generated fix');
    const ready = JSON.stringify(current(h, posted).blocks);
    assert.match(ready, 'a fix is ready');
    assert.match(ready, 'parameterized query');
    assert.match(ready, 'autofix:commit');
    const created = h.github.requests.find((r) => r.operationId === 'code-scanning/create-autofix');
    assert.is(created?.status, 202);
    assert.is(created?.login, 'dev-b');

    await click(h, PEOPLE.bob.slack, posted, 'autofix:commit');
    await waitFor(() => current(h, posted).edits.length === 3, 3000, 'the commit');
    const branch = 'refs/heads/burndown/autofix-alert-2';
    assert.ok(gitRefs(payments(h)).has(branch), 'the branch was created first');
    const commit = h.github.requests.find((r) => r.operationId === 'code-scanning/commit-autofix');
    assert.equal((commit?.body as { target_ref?: string } | undefined)?.target_ref, branch);
    assert.is(commit?.login, 'dev-b');
    const shown = JSON.stringify(current(h, posted).blocks);
    assert.match(shown, 'Fix committed to `burndown/autofix-alert-2` by <@U0BOB>');
    assert.match(shown, 'compare/main...burndown/autofix-alert-2');

    const results = (await audit(h, 'camp-sqli', 2)).map((e) => `${e.action}:${e.result}`);
    assert.equal(results, ['autofix_generate:ok', 'autofix_commit:ok']);
  },
);

on('the Copilot button explains that GitHub’s API cannot hand an alert over', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  await click(h, PEOPLE.bob.slack, posted, 'alert:autofix');
  await waitFor(() => current(h, posted).edits.length === 1, 10_000, 'the autofix panel');
  const copilot = JSON.stringify(current(h, posted).blocks);
  assert.match(copilot, 'security/code-scanning/2', 'the button links to the alert page');
  await click(h, PEOPLE.bob.slack, posted, 'autofix:copilot');
  const told = await waitFor(
    () => privateTexts(h, PEOPLE.bob.slack).find((x) => x.includes('Copilot')),
    3000,
    'the explanation',
  );
  assert.match(told, "GitHub's API has no way");
});

/** Alert 2 as last seen on pull request #12, with a fix ready; `alsoOnMain` adds the branch. */
function foundOnPullRequest(h: Harness, alsoOnMain: boolean) {
  const repo = payments(h);
  const raw = repo.codeAlerts.find((a) => a.number === 2) as Record<string, unknown>;
  const onMain = raw.most_recent_instance as Record<string, unknown>;
  const onPull = { ...onMain, ref: 'refs/pull/12/merge' };
  raw.most_recent_instance = onPull;
  repo.alertInstances[2] = alsoOnMain ? [onPull, onMain] : [onPull];
  repo.autofixes[2] = {
    status: 'success',
    description: 'Escape the value before writing it to the page.',
    started_at: '2026-01-05T10:00:00Z',
  };
}

async function commitFromPanel(h: Harness) {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  await click(h, PEOPLE.bob.slack, posted, 'alert:autofix');
  await waitFor(() => current(h, posted).edits.length === 1, 10_000, 'the autofix panel');
  await click(h, PEOPLE.bob.slack, posted, 'autofix:commit');
  return posted;
}

on(
  'a fix for an alert found on a pull request is not committed, and the reason is clear',
  async ({ h }) => {
    foundOnPullRequest(h, false);
    const posted = await commitFromPanel(h);
    const told = await waitFor(
      () => privateTexts(h, PEOPLE.bob.slack).find((x) => x.includes('pull request')),
      5000,
      'the explanation',
    );
    assert.match(told, '/acme/payments/pull/12|#12>');
    assert.match(told, "must be committed on that pull request's branch");
    assert.match(told, 'security/code-scanning/2|Open the alert on GitHub>');
    assert.match(told, 'Nothing was changed');
    assert.not.match(told, 'could not find');
    assert.equal(h.github.writes(), [], 'no branch, no commit');
    assert.is(current(h, posted).edits.length, 1, 'the message stays as it was');
    const results = (await audit(h, 'camp-sqli')).map((e) => `${e.action}:${e.result}`);
    assert.equal(results, ['autofix_commit:invalid_input']);
  },
);

on(
  'an alert seen on a pull request and on main gets its fix on a branch from main',
  async ({ h }) => {
    foundOnPullRequest(h, true);
    const posted = await commitFromPanel(h);
    await waitFor(() => current(h, posted).edits.length === 2, 5000, 'the commit');
    assert.ok(gitRefs(payments(h)).has('refs/heads/burndown/autofix-alert-2'));
    const shown = JSON.stringify(current(h, posted).blocks);
    assert.match(shown, 'Fix committed to `burndown/autofix-alert-2`');
    assert.match(shown, 'compare/main...burndown/autofix-alert-2');
  },
);

on.run();

const off = autofixSuite(false);

off('with commits turned off a ready fix offers no commit and says why', async ({ h }) => {
  const posted = await postAlert(h, PEOPLE.bob.slack, codeAlert(h, 2));
  await click(h, PEOPLE.bob.slack, posted, 'alert:autofix');
  await waitFor(() => current(h, posted).edits.length === 1, 10_000, 'the autofix panel');
  await click(h, PEOPLE.bob.slack, posted, 'autofix:generate');
  await waitFor(() => current(h, posted).edits.length === 2, 3000, 'the generated fix');
  const shown = JSON.stringify(current(h, posted).blocks);
  assert.match(shown, 'a fix is ready');
  assert.not.match(shown, 'autofix:commit');
  assert.match(shown, 'turned off here');
});

off.run();
