// The alert reads and writes Burndown makes for a person, always with that person's own
// client. Secret scanning reads ask GitHub to hide the secret; the PATCH answer still holds
// it, so only the snapshot (which has no secret field) leaves this module.
import type { AlertRef, AlertSnapshot } from '../domain/types.ts';
import { codeAlertSnapshot, secretAlertSnapshot } from '../github/alerts.ts';
import type { GitHubClient } from '../github/client.ts';

export type Target = AlertRef;

type Json = Record<string, unknown>;

export interface CodeAlertPatch {
  state?: 'open' | 'dismissed';
  dismissed_reason?: string;
  dismissed_comment?: string;
  create_request?: boolean;
  assignees?: string[];
}

export interface SecretAlertPatch {
  state?: 'open' | 'resolved';
  resolution?: string;
  resolution_comment?: string;
  assignee?: string | null;
}

function where(t: Target) {
  const [owner = '', repo = ''] = t.repo.split('/');
  return { owner, repo, alert_number: t.number };
}

function snapshot(t: Target, data: unknown): AlertSnapshot {
  const repo = { id: t.repoId, full_name: t.repo };
  return t.kind === 'code'
    ? codeAlertSnapshot(data as Json, repo)
    : secretAlertSnapshot(data as Json, repo);
}

export async function readAlert(github: GitHubClient, t: Target): Promise<AlertSnapshot> {
  const { data } =
    t.kind === 'code'
      ? await github.rest.codeScanning.getAlert(where(t))
      : await github.rest.secretScanning.getAlert({ ...where(t), hide_secret: true });
  return snapshot(t, data);
}

export async function patchCodeAlert(
  github: GitHubClient,
  t: Target,
  body: CodeAlertPatch,
): Promise<AlertSnapshot> {
  const { data } = await github.request(
    'PATCH /repos/{owner}/{repo}/code-scanning/alerts/{alert_number}',
    { ...where(t), ...body } as never,
  );
  return snapshot(t, data);
}

export async function patchSecretAlert(
  github: GitHubClient,
  t: Target,
  body: SecretAlertPatch,
): Promise<AlertSnapshot> {
  const { data } = await github.request(
    'PATCH /repos/{owner}/{repo}/secret-scanning/alerts/{alert_number}',
    { ...where(t), ...body } as never,
  );
  return snapshot(t, data);
}
