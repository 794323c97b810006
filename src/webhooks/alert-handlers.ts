// Webhook handlers for code and secret scanning alerts: both turn the payload into a
// snapshot and hand it to observeAlert, like the poll does.
import type { AppContext } from '../app-context.ts';
import { codeAlertSnapshot, type RepoLike, secretAlertSnapshot } from '../github/alerts.ts';
import { observeAlert } from '../sync/observe-alert.ts';
import type { Delivery, HandlerTable } from './dispatch.ts';

function repoOf(payload: Record<string, unknown>): RepoLike | null {
  const repo = payload.repository as Partial<RepoLike> | undefined;
  return repo && typeof repo.id === 'number' && typeof repo.full_name === 'string'
    ? { id: repo.id, full_name: repo.full_name }
    : null;
}

async function onCodeScanningAlert(ctx: AppContext, d: Delivery): Promise<void> {
  const alert = d.payload.alert;
  const repo = repoOf(d.payload);
  // GitHub documents `reopened` deliveries whose alert is null; there is nothing to compare.
  if (!alert || typeof alert !== 'object' || !repo) {
    ctx.logger.info(
      { hasAlert: Boolean(alert), hasRepo: Boolean(repo) },
      'code scanning delivery without alert; skipped',
    );
    return;
  }
  const snapshot = codeAlertSnapshot(alert as Record<string, unknown>, repo);
  await observeAlert(ctx, snapshot, { firstSightingIsNews: true });
}

async function onSecretScanningAlert(ctx: AppContext, d: Delivery): Promise<void> {
  const alert = d.payload.alert;
  const repo = repoOf(d.payload);
  if (!alert || typeof alert !== 'object' || !repo) {
    ctx.logger.info(
      { hasAlert: Boolean(alert) },
      'secret scanning delivery without alert; skipped',
    );
    return;
  }
  const snapshot = secretAlertSnapshot(alert as Record<string, unknown>, repo);
  await observeAlert(ctx, snapshot, { firstSightingIsNews: true });
}

export const alertHandlers: HandlerTable = {
  code_scanning_alert: [onCodeScanningAlert],
  secret_scanning_alert: [onSecretScanningAlert],
};
