// Copilot Autofix for a code scanning alert, with the person's token: read the status,
// start a generation (GitHub answers 202 while it runs, 200 when a fix already exists),
// and commit a ready fix to a new branch (the branch must exist first, so it is created
// from the head of the alert's branch; committing needs Contents: write). An alert found
// only on a pull request has no branch of its own here: its fix belongs on the pull
// request's branch, so nothing is written for it.
import type { GitHubClient } from '../github/client.ts';
import type { Target } from './alert-api.ts';

export type AutofixStatus = 'none' | 'pending' | 'success' | 'error' | 'outdated';

export interface Autofix {
  status: AutofixStatus;
  description?: string;
}

function where(t: Target) {
  const [owner = '', repo = ''] = t.repo.split('/');
  return { owner, repo, alert_number: t.number };
}

const STATUSES: AutofixStatus[] = ['pending', 'success', 'error', 'outdated'];

function asAutofix(data: { status?: unknown; description?: unknown }): Autofix {
  const status = STATUSES.includes(data.status as AutofixStatus)
    ? (data.status as AutofixStatus)
    : 'error';
  return typeof data.description === 'string' && data.description
    ? { status, description: data.description }
    : { status };
}

export async function getAutofix(github: GitHubClient, t: Target): Promise<Autofix> {
  try {
    const { data } = await github.rest.codeScanning.getAutofix(where(t));
    return asAutofix(data);
  } catch (err) {
    // 404 is GitHub's way of saying no fix was ever generated.
    if ((err as { status?: number }).status === 404) return { status: 'none' };
    throw err;
  }
}

export async function createAutofix(github: GitHubClient, t: Target): Promise<Autofix> {
  const { data } = await github.rest.codeScanning.createAutofix(where(t));
  return asAutofix(data);
}

// A few quick looks while GitHub works; after that the person can press Refresh.
const POLL_DELAYS_MS = [0, 1000, 3000];

export async function generateAndWatch(github: GitHubClient, t: Target): Promise<Autofix> {
  let fix = await createAutofix(github, t);
  for (const delay of POLL_DELAYS_MS) {
    if (fix.status !== 'pending') break;
    if (delay) await new Promise((r) => setTimeout(r, delay));
    fix = await getAutofix(github, t);
  }
  return fix;
}

export function autofixBranch(t: Target): string {
  return `burndown/autofix-alert-${t.number}`;
}

const BRANCH_REF = /^refs\/heads\/(.+)$/;
const PULL_REF = /^refs\/pull\/(\d+)\//;

/**
 * The branch to start the fix's branch from: the alert's branch. An alert last seen on a pull
 * request (`refs/pull/N/merge`) is no branch; if the alert also stands on a branch (the
 * default branch, where GitHub's autofix applies), that one is used.
 */
async function baseBranch(
  github: GitHubClient,
  t: Target,
  ref: string,
): Promise<{ branch: string } | { pullRequest: number | null }> {
  const onBranch = BRANCH_REF.exec(ref);
  if (onBranch?.[1]) return { branch: onBranch[1] };
  const { data } = await github.rest.codeScanning.listAlertInstances({
    ...where(t),
    per_page: 100,
  });
  for (const instance of data) {
    const m = BRANCH_REF.exec(instance.ref ?? '');
    if (m?.[1]) return { branch: m[1] };
  }
  const pr = PULL_REF.exec(ref)?.[1];
  return { pullRequest: pr ? Number(pr) : null };
}

export type Committed =
  | { ok: true; branch: string; base: string; sha: string }
  /** Found only on a pull request (or no branch at all): nothing was written. */
  | { ok: false; pullRequest: number | null; ref: string };

/**
 * Creates the branch (or reuses it) and commits the fix there. Writes nothing when the
 * alert stands on no branch (found on a pull request only).
 */
export async function commitAutofix(github: GitHubClient, t: Target): Promise<Committed> {
  const { owner, repo } = where(t);
  const { data: alert } = await github.rest.codeScanning.getAlert(where(t));
  const ref = alert.most_recent_instance?.ref || 'refs/heads/main';
  const found = await baseBranch(github, t, ref);
  if (!('branch' in found)) return { ok: false, pullRequest: found.pullRequest, ref };
  const base = found.branch;
  const branch = autofixBranch(t);
  const { data: head } = await github.rest.git.getRef({ owner, repo, ref: `heads/${base}` });
  try {
    await github.rest.git.createRef({
      owner,
      repo,
      ref: `refs/heads/${branch}`,
      sha: head.object.sha,
    });
  } catch (err) {
    // A second click after a first commit: the branch is already there, use it again.
    if ((err as { status?: number }).status !== 422) throw err;
  }
  const { data } = await github.rest.codeScanning.commitAutofix({
    ...where(t),
    target_ref: `refs/heads/${branch}`,
    message: `Fix code scanning alert #${t.number} with Copilot Autofix`,
  });
  return { ok: true, branch, base, sha: data.sha ?? '' };
}
