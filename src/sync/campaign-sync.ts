// Campaigns have no webhook, so the poll reads each one Burndown knows (a 304 when nothing
// changed): edits, totals, closing, and deletion (404), which closes it here and tells its
// channel. After each campaign the after-sync hooks run (pinned card, history, …). Each
// campaign is synced on its own: one that fails never stops the others.
import { isDeepStrictEqual } from 'node:util';
import type { AppContext } from '../app-context.ts';
import { slackErrorCode } from '../campaigns/slack-error.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { type GitHubCampaign, toCampaign } from '../github/campaigns.ts';
import { PERMANENT_SLACK_ERRORS } from '../notify/flush-notifications.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { claimOnce, releaseClaim } from '../store/lock.ts';
import { type AfterCampaignSync, runAfterSync } from './after-sync.ts';
import { conditionalGet, type Fetched } from './conditional-get.ts';
import { failureCode } from './failure-code.ts';

const ROUTE = 'GET /orgs/{org}/campaigns/{campaign_number}';
const goneKey = (id: string) => `campaign-gone:${id}`;
// A closed/deleted notice Slack refused, still to post: later polls try again for a while.
const owedKey = (id: string) => `campaign-notice-owed:${id}`;
const OWED_MS = 3 * 86_400_000;
const TOLD_MS = 90 * 86_400_000;

export interface CampaignSyncResult {
  synced: number;
  updated: number;
  closed: number;
  removed: number;
  /** Campaigns that could not be synced this time; the next poll tries them again. */
  failed: number;
}

function merged(c: CampaignRecord, g: GitHubCampaign, now: Date): CampaignRecord {
  return {
    ...c,
    name: g.name,
    description: g.description,
    endsAt: g.endsAt,
    managers: g.managers,
    teamManagers: g.teamManagers,
    contactLink: g.contactLink ?? undefined,
    state: g.state,
    stats: g.stats ?? c.stats,
    updatedAt: now.toISOString(),
  };
}

/**
 * Whether the merge changed nothing but the sync time. Whole records are compared, so every
 * field the merge copies counts: one left out would not be saved, while its ETag would be,
 * and every later poll would answer 304 and never bring the change again.
 */
function sameContent(a: CampaignRecord, b: CampaignRecord): boolean {
  // Through JSON, so an absent field and one set to undefined are the same.
  const content = (c: CampaignRecord): unknown =>
    JSON.parse(JSON.stringify({ ...c, updatedAt: undefined }));
  return isDeepStrictEqual(content(a), content(b));
}

type Told = 'closed' | 'deleted';

/**
 * Tells a campaign's channel, once, that GitHub closed or deleted the campaign. The once-only
 * claim is taken before posting, so two replicas never both post, and given back when Slack
 * refuses; the notice is then owed and later polls try again (see `tellOwed`).
 */
async function tellChannel(ctx: AppContext, c: CampaignRecord, what: Told) {
  const claim = `campaign-${what}:${c.id}`;
  if (!c.channelId || !(await claimOnce(ctx.kv, claim, TOLD_MS))) {
    await ctx.kv.del(owedKey(c.id));
    return;
  }
  const name = safeText(c.name, 80);
  const text =
    what === 'closed'
      ? `:lock: *${name}* was closed on GitHub. Burndown stops reminders for it.`
      : `:wastebasket: *${name}* was deleted on GitHub. Burndown marked it closed here; ` +
        'this channel and its history stay.';
  try {
    await ctx.slack.chat.postMessage({
      channel: c.channelId,
      text,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
    });
  } catch (err) {
    await releaseClaim(ctx.kv, claim);
    const slackError = slackErrorCode(err);
    const fields = { err, campaign: c.id, code: 'slack_request_failed', slackError };
    if (slackError && PERMANENT_SLACK_ERRORS.has(slackError)) {
      ctx.logger.warn(fields, 'channel not told; Slack will not take the message');
      await ctx.kv.del(owedKey(c.id));
      return;
    }
    ctx.logger.warn(fields, 'channel not told yet; the next poll tries again');
    await ctx.kv.set(owedKey(c.id), what, { ttlMs: OWED_MS });
    return;
  }
  await ctx.kv.del(owedKey(c.id));
}

/** Tries again a notice an earlier poll could not post, while it is still true. */
async function tellOwed(ctx: AppContext, c: CampaignRecord) {
  const owed = await ctx.kv.get(owedKey(c.id));
  if (owed === null) return;
  if (c.state === 'closed' && (owed === 'closed' || owed === 'deleted')) {
    await tellChannel(ctx, c, owed);
  } else {
    // Reopened since: "closed on GitHub" is no longer news.
    await ctx.kv.del(owedKey(c.id));
  }
}

/** Reads one campaign from GitHub and saves what changed; returns the record as it now is. */
async function syncOne(
  ctx: AppContext,
  c: CampaignRecord & { number: number },
  result: CampaignSyncResult,
): Promise<CampaignRecord> {
  let res: Fetched<Parameters<typeof toCampaign>[0]>;
  try {
    res = await conditionalGet(ctx, ROUTE, {
      org: ctx.config.GITHUB_ORG,
      campaign_number: c.number,
    });
  } catch (err) {
    if ((err as { status?: number }).status !== 404) throw err;
    ctx.logger.info({ campaign: c.id, number: c.number }, 'campaign deleted on GitHub');
    const current: CampaignRecord = { ...c, state: 'closed', updatedAt: ctx.now().toISOString() };
    await ctx.repos.campaigns.save(current);
    await ctx.kv.set(goneKey(c.id), ctx.now().toISOString());
    result.removed++;
    await tellChannel(ctx, current, 'deleted');
    return current;
  }
  if (!res.changed) return c;
  const next = merged(c, toCampaign(res.data), ctx.now());
  if (!sameContent(c, next)) {
    await ctx.repos.campaigns.save(next);
    result.updated++;
    if (c.state === 'open' && next.state === 'closed') {
      result.closed++;
      await tellChannel(ctx, next, 'closed');
    }
  }
  await res.commit();
  return next;
}

/**
 * Syncs every published campaign. One that fails (GitHub refusing it, say) is logged and
 * tried again by the next poll; the others are synced all the same.
 */
export async function syncCampaigns(
  ctx: AppContext,
  hooks: AfterCampaignSync[],
): Promise<CampaignSyncResult> {
  const result: CampaignSyncResult = { synced: 0, updated: 0, closed: 0, removed: 0, failed: 0 };
  for (const c of await ctx.repos.campaigns.list()) {
    if (c.number === undefined || c.state === 'draft') continue;
    try {
      await tellOwed(ctx, c);
      if (await ctx.kv.get(goneKey(c.id))) continue;
      const current = await syncOne(ctx, { ...c, number: c.number }, result);
      result.synced++;
      await runAfterSync(ctx, current, hooks);
    } catch (err) {
      result.failed++;
      ctx.logger.error(
        { err, campaign: c.id, number: c.number, code: failureCode(err) },
        'campaign not synced; the next poll tries again',
      );
    }
  }
  return result;
}
