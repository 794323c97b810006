// `/campaign show <name or number>`: the campaign card, privately, with fresh totals from
// GitHub, plus where its alerts are.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../../app-context.ts';
import { buildCampaignCard } from '../../campaigns/card.ts';
import { findCampaign } from '../../campaigns/find-campaign.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { asBotError } from '../../errors.ts';
import { type GitHubCampaign, getCampaign } from '../../github/campaigns.ts';
import { safeText } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * Stores GitHub's totals and state on the record as it is now, read again after GitHub's
 * answer: an edit or the sync may have saved other fields meanwhile, and those stay.
 */
async function saveTotals(
  ctx: AppContext,
  c: CampaignRecord,
  gh: GitHubCampaign,
): Promise<CampaignRecord | null> {
  const fresh = await ctx.repos.campaigns.get(c.id);
  // Gone meanwhile (removed): showing it once more is fine, bringing it back is not.
  if (!fresh) return null;
  const next: CampaignRecord = {
    ...fresh,
    state: gh.state,
    ...(gh.stats ? { stats: gh.stats } : {}),
  };
  const same =
    next.state === fresh.state && JSON.stringify(next.stats) === JSON.stringify(fresh.stats);
  if (!same) await ctx.repos.campaigns.save(next);
  return next;
}

export const showSubcommand: Subcommand = {
  name: 'show',
  aliases: ['info'],
  usage: 'show <name or number>',
  summary: 'a campaign’s card: point of contact, due date, progress, links',
  async run({ ctx, rest }) {
    const found = await findCampaign(ctx, rest, showSubcommand.usage);
    if (!found.ok) return found.message;
    let c = found.campaign;
    if (c.number !== undefined) {
      try {
        const gh = await getCampaign(ctx.github, ctx.config.GITHUB_ORG, c.number);
        c = (await saveTotals(ctx, c, gh)) ?? c;
      } catch (err) {
        ctx.logger.warn(
          { err, campaign: c.id, code: asBotError(err, 'github_request_failed').code },
          'campaign totals not refreshed',
        );
      }
    }
    const card = await buildCampaignCard(ctx, c);
    const blocks: KnownBlock[] = [...card.blocks];
    const byRepo = new Map<string, number>();
    for (const m of c.members) byRepo.set(m.repo, (byRepo.get(m.repo) ?? 0) + 1);
    if (byRepo.size) {
      const sorted = [...byRepo].sort((a, b) => b[1] - a[1]);
      const top = sorted.slice(0, 10);
      const rest = sorted.slice(10);
      const restAlerts = rest.reduce((n, [, count]) => n + count, 0);
      const more = rest.length
        ? `\n…and ${rest.length} more ${rest.length === 1 ? 'repository' : 'repositories'} ` +
          `(${restAlerts} ${restAlerts === 1 ? 'alert' : 'alerts'})`
        : '';
      const lines = top.map(([repo, n]) => `• ${safeText(repo, 100)}: ${n}`).join('\n') + more;
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: `*Alerts by repository*\n${lines}` },
      });
    }
    if (c.state === 'draft') {
      blocks.unshift({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: ':memo: Draft: not on GitHub yet. `/campaign edit` opens it to publish.',
          },
        ],
      });
    } else if (c.channelId) {
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `Channel: <#${c.channelId}>` }],
      });
    }
    return { text: card.text, blocks };
  },
};
