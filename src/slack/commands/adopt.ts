// `/campaign adopt <number>`: a campaign created on GitHub's pages gets a channel and a
// card. GitHub cannot list a campaign's alerts, so Burndown shows GitHub's totals only.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../app-context.ts';
import { ensureCampaignChannel } from '../../campaigns/channel-setup.ts';
import type { CampaignRecord } from '../../domain/campaign.ts';
import { campaignUrl, type GitHubCampaign, getCampaign } from '../../github/campaigns.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import { isAdmin } from '../../identity/authorize.ts';
import { adminMentions, linkYourselfHint } from '../../identity/link-hint.ts';
import { withLock } from '../../store/lock.ts';
import { personLabel } from './list.ts';
import type { Subcommand } from './subcommand.ts';

/**
 * Null when this person may adopt: a Burndown admin, or one of the campaign's managers on
 * GitHub as Burndown knows them. Otherwise the private answer saying who may.
 */
async function mayAdopt(
  ctx: AppContext,
  userId: string,
  number: number,
  gh: GitHubCampaign,
): Promise<string | null> {
  if (await isAdmin(ctx, userId)) return null;
  const me = await ctx.repos.identities.bySlackUser(userId);
  const login = me?.githubLogin.toLowerCase();
  if (login && gh.managers.some((m) => m.toLowerCase() === login)) return null;
  ctx.logger.info({ slackUser: userId, number }, 'adopt refused; not a manager or admin');
  const managers = await Promise.all(gh.managers.slice(0, 10).map((m) => personLabel(ctx, m)));
  const who = managers.length
    ? `its managers on GitHub (${managers.join(', ')}) or ${adminMentions(ctx)}`
    : adminMentions(ctx);
  // Burndown does not read GitHub team membership, so a managing team's members go through
  // an admin rather than being refused without a word about it.
  const teams = gh.teamManagers.length
    ? ' Members of a team that manages it need an admin to adopt it.'
    : '';
  const unknown = me
    ? ''
    : ' If you manage it on GitHub, Burndown does not know your GitHub account yet. ' +
      linkYourselfHint(ctx, userId);
  return (
    `Only a campaign’s managers or a Burndown admin can adopt it. Ask ${who} to run ` +
    `\`/campaign adopt ${number}\`.${teams}${unknown}`
  );
}

/** One adoption at a time per campaign number, on any replica; renewed while it runs. */
const ADOPT_LOCK_MS = 60_000;

function newRecord(
  ctx: AppContext,
  number: number,
  gh: GitHubCampaign,
  userId: string,
): CampaignRecord {
  const now = ctx.now().toISOString();
  return {
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
    createdBy: userId,
    createdAt: now,
    updatedAt: now,
    htmlUrl: campaignUrl(ctx.config.GITHUB_WEB_URL, ctx.config.GITHUB_ORG, number),
    ...(gh.stats ? { stats: gh.stats } : {}),
    channelPrivate: true,
  };
}

/** Runs under the campaign number's lock: one record and one channel per campaign. */
async function adopt(
  ctx: AppContext,
  number: number,
  gh: GitHubCampaign,
  userId: string,
): Promise<string> {
  // Read again under the lock: an adoption that finished meanwhile made the record already.
  const known = await ctx.repos.campaigns.getByNumber(number);
  if (known?.channelId)
    return `Campaign #${number} already has its channel: <#${known.channelId}>.`;
  const record = known ?? newRecord(ctx, number, gh, userId);
  if (!known) await ctx.repos.campaigns.save(record);
  const done = await ensureCampaignChannel(ctx, record);
  const totalsOnly =
    'It was created on GitHub, so Burndown does not know which alerts it holds: the card ' +
    'shows GitHub’s totals only, not alert-level detail.';
  if (!done.channelId) {
    // Set-up is running elsewhere (the sync resuming it, say) and will finish the channel.
    ctx.logger.info({ campaign: record.id, number }, 'adopted; channel set-up running elsewhere');
    return (
      `Campaign #${number} is adopted; its channel is being set up and will appear in a ` +
      `moment (\`/campaign show ${number}\` names it). ${totalsOnly}`
    );
  }
  const channel = `<#${done.channelId}>`;
  return `Campaign #${number} now has its channel ${channel}, with the card pinned. ${totalsOnly}`;
}

export const adoptSubcommand: Subcommand = {
  name: 'adopt',
  usage: 'adopt <number>',
  summary: 'give a campaign created on GitHub a channel and a card',
  async run({ ctx, args, command }) {
    const number = Number(/^#?(\d+)$/.exec(args[0] ?? '')?.[1]);
    // 0, or digits past what a number can hold exactly, cannot be a campaign on GitHub.
    if (!Number.isSafeInteger(number) || number < 1)
      return 'Usage: `/campaign adopt <number>` (the number in the campaign’s GitHub URL).';
    const known = await ctx.repos.campaigns.getByNumber(number);
    if (known?.channelId)
      return `Campaign #${number} already has its channel: <#${known.channelId}>.`;
    let gh: GitHubCampaign;
    try {
      gh = await getCampaign(ctx.github, ctx.config.GITHUB_ORG, number);
    } catch (err) {
      throw explainGitHubError(err, `find campaign #${number}`);
    }
    // The bot makes the channel, card and bookmark with its own token, so GitHub never gets
    // to say no: Burndown checks that this person steers the campaign there.
    const refusal = await mayAdopt(ctx, command.user_id, number, gh);
    if (refusal) return refusal;
    // Two adopts at once (a double submit, two managers) would each make a record and a
    // channel: the lock is per campaign number, since neither knows the other's record id.
    const run = await withLock(ctx.kv, `campaign-adopt:${number}`, ADOPT_LOCK_MS, () =>
      adopt(ctx, number, gh, command.user_id),
    );
    if (run.ran) return run.value;
    ctx.logger.info({ number }, 'adopt already running; this one left to it');
    return (
      `Campaign #${number} is being adopted right now (someone asked at the same moment); ` +
      `its channel will appear in a moment. \`/campaign show ${number}\` names it.`
    );
  },
};
