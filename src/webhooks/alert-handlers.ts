// Webhook handlers for code and secret scanning alerts: both turn the payload into a
// snapshot and hand it to observeAlert, like the poll does.
import type { AppContext } from '../app-context.ts';
import { codeAlertSnapshot, type RepoLike, secretAlertSnapshot } from '../github/alerts.ts';
import { observeAlert } from '../sync/observe-alert.ts';
import type { Delivery, HandlerTable } from './dispatch.ts';

/** Who made the change, as GitHub says: told nothing about their own doing. */
function senderOf(payload: Record<string, unknown>): string | undefined {
  const login = (payload.sender as { login?: unknown } | undefined)?.login;
  return typeof login === 'string' ? login : undefined;
}

/**
 * Only the configured organization's alerts are Burndown's business. An App installed on a
 * second organization would otherwise DM people about alerts outside every campaign here.
 */
export function fromOtherOrg(ctx: AppContext, payload: Record<string, unknown>): boolean {
  const org = (payload.organization as { login?: unknown } | undefined)?.login;
  const owner = (payload.repository as { owner?: { login?: unknown } } | undefined)?.owner?.login;
  const login = typeof org === 'string' ? org : typeof owner === 'string' ? owner : undefined;
  if (login === undefined || login.toLowerCase() === ctx.config.GITHUB_ORG.toLowerCase()) {
    return false;
  }
  ctx.logger.info({ org: login }, 'delivery for another organization; ignored');
  return true;
}

function repoOf(payload: Record<string, unknown>): RepoLike | null {
  const repo = payload.repository as Partial<RepoLike> | undefined;
  return repo && typeof repo.id === 'number' && typeof repo.full_name === 'string'
    ? { id: repo.id, full_name: repo.full_name }
    : null;
}

async function onCodeScanningAlert(ctx: AppContext, d: Delivery): Promise<void> {
  if (fromOtherOrg(ctx, d.payload)) return;
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
  await observeAlert(ctx, snapshot, { firstSightingIsNews: true, actor: senderOf(d.payload) });
}

async function onSecretScanningAlert(ctx: AppContext, d: Delivery): Promise<void> {
  if (fromOtherOrg(ctx, d.payload)) return;
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
  await observeAlert(ctx, snapshot, { firstSightingIsNews: true, actor: senderOf(d.payload) });
}

export const alertHandlers: HandlerTable = {
  code_scanning_alert: [onCodeScanningAlert],
  secret_scanning_alert: [onSecretScanningAlert],
};
