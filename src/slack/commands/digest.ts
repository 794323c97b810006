// `/campaign digest [campaign] [--post]`: the campaign's digest, privately; managers may
// post it (or refresh today's) in the campaign channel with --post.
import type { AppContext } from '../../app-context.ts';
import { matchCampaigns } from '../../campaigns/find-campaign.ts';
import { composeDigest } from '../../digest/compose-digest.ts';
import { postDigest } from '../../digest/post-digest.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import type { SlackMessage } from '../messages/assignment-dm.ts';
import { safeText } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

const USAGE = '`/campaign digest [campaign] [--post]`';
// Slack takes at most five messages on one response_url. The parent, the detail parts and
// the closing note (returned, so also sent there) must fit, with a refusal counted too.
const RESPONSE_URL_USES = 5;

/** By number (`3`, `#3`), id or name; with no words, the campaign of this channel. */
export async function findCampaign(
  ctx: AppContext,
  words: string,
  channelId: string,
): Promise<CampaignRecord | CampaignRecord[]> {
  const all = await ctx.repos.campaigns.list();
  const live = all.filter((c) => c.state !== 'closed');
  if (!words) {
    const here = all.find((c) => c.channelId === channelId);
    if (here) return here;
    return live.length === 1 ? live[0]! : live;
  }
  const found = matchCampaigns(all, words);
  if (found.length <= 1) return found[0] ?? [];
  // Several match by name: a closed one is rarely what a person asking for progress means.
  const open = found.filter((c) => c.state !== 'closed');
  return open.length === 1 ? open[0]! : open.length ? open : found;
}

function choose(found: CampaignRecord[], words: string): string {
  if (found.length === 0) {
    const what = words ? `No campaign matches “${safeText(words, 60)}”.` : 'No open campaigns.';
    return `${what} Usage: ${USAGE}`;
  }
  const names = found
    .slice(0, 15)
    .map((c) => `• ${safeText(c.name, 80)}${c.number ? ` (#${c.number})` : ''}`);
  return `Which campaign? Usage: ${USAGE}\n${names.join('\n')}`;
}

async function canPost(ctx: AppContext, userId: string, c: CampaignRecord): Promise<string | null> {
  const me = await ctx.repos.identities.bySlackUser(userId);
  if (!me) return 'Link your GitHub account to Burndown first: only campaign managers may post.';
  const login = me.githubLogin.toLowerCase();
  if (c.managers.some((m) => m.toLowerCase() === login)) return null;
  return `Only the managers of ${safeText(c.name, 80)} can post its digest; here it is privately.`;
}

export const digestSubcommand: Subcommand = {
  name: 'digest',
  usage: 'digest [campaign] [--post]',
  summary: "a campaign's progress, privately; managers post it with --post",
  async run({ ctx, args, command, respond }) {
    const post = args.includes('--post');
    const words = args
      .filter((a) => a !== '--post')
      .join(' ')
      .trim();
    const found = await findCampaign(ctx, words, command.channel_id);
    if (Array.isArray(found)) return choose(found, words);

    let refusal: string | null = null;
    if (post) {
      refusal = await canPost(ctx, command.user_id, found);
      if (!refusal && !found.channelId) {
        refusal = `${safeText(found.name, 80)} has no channel yet; here is its digest privately.`;
      }
      if (!refusal) {
        const outcome = await postDigest(ctx, found);
        const verb = outcome === 'edited' ? 'Updated today’s digest' : 'Posted the digest';
        if (outcome === 'skipped') return 'A digest for this campaign is being posted right now.';
        return `${verb} in <#${found.channelId}>.`;
      }
    }
    const digest = await composeDigest(ctx, found, { privately: true });
    const parts = digest.messages.replies;
    const say = (m: SlackMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...m });
    let left = RESPONSE_URL_USES;
    if (refusal) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
      left--;
    }
    await say(digest.messages.parent);
    left--;
    // Every part fits when they leave no need for the note; otherwise one use is kept for it.
    const shown = parts.length <= left ? parts.length : left - 1;
    for (const part of parts.slice(0, shown)) await say(part);
    if (parts.length > shown) {
      const where = found.channelId ? ` in the digest thread in <#${found.channelId}>` : '';
      return (
        `Showing ${shown} of ${parts.length} parts; the complete lists are${where} ` +
        '(a manager posts it with --post).'
      );
    }
    return undefined;
  },
};
