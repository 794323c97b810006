// Campaigns have no webhook, so the poll reads each one Burndown knows (a 304 when nothing
// changed): edits, totals, closing, and deletion (404), which closes it here and tells its
// channel. After each campaign the after-sync hooks run (pinned card, history, …).
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { type GitHubCampaign, toCampaign } from '../github/campaigns.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { claimOnce } from '../store/lock.ts';
import { type AfterCampaignSync, runAfterSync } from './after-sync.ts';
import { conditionalGet } from './conditional-get.ts';

const ROUTE = 'GET /orgs/{org}/campaigns/{campaign_number}';
const goneKey = (id: string) => `campaign-gone:${id}`;

export interface CampaignSyncResult {
  synced: number;
  updated: number;
  closed: number;
  removed: number;
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

function sameContent(a: CampaignRecord, b: CampaignRecord): boolean {
  const pick = (c: CampaignRecord) =>
    JSON.stringify([c.name, c.description, c.endsAt, c.managers, c.teamManagers, c.state, c.stats]);
  return pick(a) === pick(b);
}

/** Tells a campaign's channel, once, that GitHub closed or deleted the campaign. */
async function tellChannel(ctx: AppContext, c: CampaignRecord, what: 'closed' | 'deleted') {
  if (!c.channelId || !(await claimOnce(ctx.kv, `campaign-${what}:${c.id}`, 90 * 86_400_000))) {
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
    ctx.logger.warn({ err, campaign: c.id, code: 'slack_request_failed' }, 'channel not told');
  }
}

export async function syncCampaigns(
  ctx: AppContext,
  hooks: AfterCampaignSync[],
): Promise<CampaignSyncResult> {
  const result: CampaignSyncResult = { synced: 0, updated: 0, closed: 0, removed: 0 };
  const org = ctx.config.GITHUB_ORG;
  for (const c of await ctx.repos.campaigns.list()) {
    if (c.number === undefined || c.state === 'draft' || (await ctx.kv.get(goneKey(c.id)))) {
      continue;
    }
    let current = c;
    try {
      const res = await conditionalGet<Parameters<typeof toCampaign>[0]>(ctx, ROUTE, {
        org,
        campaign_number: c.number,
      });
      if (res.changed) {
        const next = merged(c, toCampaign(res.data), ctx.now());
        if (!sameContent(c, next)) {
          await ctx.repos.campaigns.save(next);
          result.updated++;
          if (c.state === 'open' && next.state === 'closed') {
            result.closed++;
            await tellChannel(ctx, next, 'closed');
          }
        }
        current = next;
        await res.commit();
      }
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      ctx.logger.info({ campaign: c.id, number: c.number }, 'campaign deleted on GitHub');
      current = { ...c, state: 'closed', updatedAt: ctx.now().toISOString() };
      await ctx.repos.campaigns.save(current);
      await ctx.kv.set(goneKey(c.id), ctx.now().toISOString());
      result.removed++;
      await tellChannel(ctx, current, 'deleted');
    }
    result.synced++;
    await runAfterSync(ctx, current, hooks);
  }
  return result;
}
