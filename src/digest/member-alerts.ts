// The campaign's alerts as Burndown last saw them. Sync keeps these fresh; an alert never
// seen yet (or every alert, when GitHub's totals say ours are stale) is read from GitHub
// and stored, so the digest never lists an alert from memory that GitHub has moved on from.
// An alert GitHub no longer has (its repository deleted, or out of our sight) is left out.
import type { AppContext } from '../app-context.ts';
import type { CampaignMember, CampaignRecord } from '../domain/campaign.ts';
import type { AlertKind, AlertSnapshot } from '../domain/types.ts';
import { BotError } from '../errors.ts';
import { codeAlertSnapshot, secretAlertSnapshot } from '../github/alerts.ts';
import { explainGitHubError } from '../github/explain-error.ts';

// Enough parallel reads to finish a 1,000-alert campaign quickly without tripping GitHub's
// secondary rate limit on concurrent requests.
const CONCURRENCY = 8;

export async function fetchAlert(
  ctx: AppContext,
  kind: AlertKind,
  m: CampaignMember,
): Promise<AlertSnapshot> {
  const [owner = '', repo = ''] = m.repo.split('/');
  const where = { id: m.repoId, full_name: m.repo };
  try {
    if (kind === 'code') {
      const { data } = await ctx.github.rest.codeScanning.getAlert({
        owner,
        repo,
        alert_number: m.number,
      });
      return codeAlertSnapshot(data as unknown as Record<string, unknown>, where);
    }
    // hide_secret: the secret value must never reach Burndown, let alone Slack.
    const { data } = await ctx.github.rest.secretScanning.getAlert({
      owner,
      repo,
      alert_number: m.number,
      hide_secret: true,
    });
    return secretAlertSnapshot(data as unknown as Record<string, unknown>, where);
  } catch (err) {
    throw explainGitHubError(err, `read alert ${m.repo}#${m.number}`);
  }
}

async function inPool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

// How many of the gone alerts one log line names; the count says how many there were.
const GONE_SAMPLE = 5;

const isGone = (err: unknown) => err instanceof BotError && err.code === 'github_not_found';

/**
 * Last-seen snapshots of the members, in member order. Missing ones are fetched; with
 * `refresh`, all are read again from GitHub. A member GitHub answers 404 for is gone: it is
 * left out (not counted anywhere) instead of failing every digest and reminder of the
 * campaign for as long as it stays a member.
 */
export async function memberAlerts(
  ctx: AppContext,
  campaign: CampaignRecord,
  options: { refresh?: boolean } = {},
): Promise<AlertSnapshot[]> {
  const refs = campaign.members.map((m) => ({ kind: campaign.kind, ...m }));
  const stored = options.refresh ? refs.map(() => null) : await ctx.repos.alerts.getMany(refs);
  const missing = campaign.members.map((m, i) => ({ m, i })).filter(({ i }) => !stored[i]);
  if (missing.length) {
    ctx.logger.debug(
      { campaign: campaign.id, count: missing.length, refresh: Boolean(options.refresh) },
      'reading campaign alerts from github',
    );
  }
  const gone: string[] = [];
  await inPool(missing, async ({ m, i }) => {
    let snapshot: AlertSnapshot;
    try {
      snapshot = await fetchAlert(ctx, campaign.kind, m);
    } catch (err) {
      if (!isGone(err)) throw err;
      gone.push(`${m.repo}#${m.number}`);
      return;
    }
    await ctx.repos.alerts.put(snapshot);
    stored[i] = snapshot;
  });
  if (gone.length) {
    ctx.logger.info(
      { campaign: campaign.id, count: gone.length, alerts: gone.slice(0, GONE_SAMPLE) },
      'campaign alerts gone from github; left out',
    );
  }
  return stored.filter((s): s is AlertSnapshot => s !== null);
}
