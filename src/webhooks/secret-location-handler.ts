// `secret_scanning_alert_location`: a leaked secret was found in one more place. The alert
// inside goes through observeAlert like any other sighting (the location never carries the
// secret itself); the first location found is what messages show.
import { type RepoLike, secretAlertSnapshot } from '../github/alerts.ts';
import { observeAlert } from '../sync/observe-alert.ts';
import { fromOtherOrg } from './alert-handlers.ts';
import type { Delivery, HandlerTable } from './dispatch.ts';

type Json = Record<string, unknown>;

async function onSecretLocation(
  ctx: Parameters<HandlerTable[string][number]>[0],
  d: Delivery,
): Promise<void> {
  if (fromOtherOrg(ctx, d.payload)) return;
  const alert = d.payload.alert as Json | null | undefined;
  const repo = d.payload.repository as Partial<RepoLike> | undefined;
  if (!alert || typeof alert !== 'object' || typeof repo?.id !== 'number' || !repo.full_name) {
    ctx.logger.info(
      { hasAlert: Boolean(alert) },
      'secret location delivery without alert; skipped',
    );
    return;
  }
  const snapshot = secretAlertSnapshot(alert, { id: repo.id, full_name: repo.full_name });
  const details = ((d.payload.location as Json | undefined)?.details ?? {}) as Json;
  if (!snapshot.path && typeof details.path === 'string') {
    snapshot.path = details.path;
    if (typeof details.start_line === 'number') snapshot.line = details.start_line;
  }
  const changes = await observeAlert(ctx, snapshot, { firstSightingIsNews: true });
  ctx.logger.info(
    { alert: `${repo.full_name}#${snapshot.number}`, changes: changes.length },
    'secret location observed',
  );
}

export const secretLocationHandlers: HandlerTable = {
  secret_scanning_alert_location: [onSecretLocation],
};
