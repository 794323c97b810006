// `/campaign adopt <number>`: a campaign created on GitHub's pages gets a channel and a
// card. GitHub cannot list a campaign's alerts, so Burndown shows GitHub's totals only.
import { randomUUID } from 'node:crypto';
import { ensureCampaignChannel } from '../../campaigns/channel-setup.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { campaignUrl, getCampaign } from '../../github/campaigns.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import { actAs } from '../../identity/authorize.ts';
import type { Subcommand } from './subcommand.ts';

export const adoptSubcommand: Subcommand = {
  name: 'adopt',
  usage: 'adopt <number>',
  summary: 'give a campaign created on GitHub a channel and a card',
  async run({ ctx, args, command }) {
    const number = Number(/^#?(\d+)$/.exec(args[0] ?? '')?.[1]);
    if (!number)
      return 'Usage: `/campaign adopt <number>` (the number in the campaign’s GitHub URL).';
    const acting = await actAs(ctx, command.user_id);
    if (!acting.ok) return acting.message;
    const known = await ctx.repos.campaigns.getByNumber(number);
    if (known?.channelId)
      return `Campaign #${number} already has its channel: <#${known.channelId}>.`;
    let gh: Awaited<ReturnType<typeof getCampaign>>;
    try {
      gh = await getCampaign(ctx.github, ctx.config.GITHUB_ORG, number);
    } catch (err) {
      throw explainGitHubError(err, `find campaign #${number}`);
    }
    const now = ctx.now().toISOString();
    const record: CampaignRecord = known ?? {
      id: randomUUID(),
      number,
      // GitHub's summary does not say which kind of alerts a campaign holds.
      kind: 'code',
      state: gh.state,
      name: gh.name,
      description: gh.description,
      endsAt: gh.endsAt,
      managers: gh.managers,
      teamManagers: gh.teamManagers,
      ...(gh.contactLink ? { contactLink: gh.contactLink } : {}),
      members: [],
      adopted: true,
      createdBy: command.user_id,
      createdAt: now,
      updatedAt: now,
      htmlUrl: campaignUrl(ctx.config.GITHUB_WEB_URL, ctx.config.GITHUB_ORG, number),
      ...(gh.stats ? { stats: gh.stats } : {}),
      channelPrivate: true,
    };
    await ctx.repos.campaigns.save(record);
    const done = await ensureCampaignChannel(ctx, record);
    return (
      `Campaign #${number} now has its channel <#${done.channelId}>, with the card pinned. ` +
      'It was created on GitHub, so Burndown does not know which alerts it holds: the card ' +
      'shows GitHub’s totals only, not alert-level detail.'
    );
  },
};
