// A campaign's contact link defaults to its Slack channel. The link is written to GitHub
// with the creator's own token, like every write Burndown makes for a person.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { actAs } from '../identity/authorize.ts';

const TEAM_URL_KEY = 'slack:team-url';

/** `https://acme.slack.com/archives/C123`, from auth.test's workspace URL (cached a day). */
export async function channelUrl(ctx: AppContext, channel: string): Promise<string> {
  let base = await ctx.kv.get(TEAM_URL_KEY);
  if (!base) {
    const res = await ctx.slack.auth.test();
    base = String(res.url ?? 'https://slack.com/');
    await ctx.kv.set(TEAM_URL_KEY, base, { ttlMs: 86_400_000 });
  }
  return `${base.replace(/\/+$/, '')}/archives/${channel}`;
}

/** Sets GitHub's contact link to the channel; undefined when the creator cannot act now. */
export async function linkContactToChannel(
  ctx: AppContext,
  c: CampaignRecord,
  channel: string,
): Promise<string | undefined> {
  if (c.number === undefined || !c.createdBy) return undefined;
  const acting = await actAs(ctx, c.createdBy);
  if (!acting.ok) {
    ctx.logger.debug({ campaign: c.id, reason: acting.reason }, 'contact link left for later');
    return undefined;
  }
  const url = await channelUrl(ctx, channel);
  await acting.github.rest.campaigns.updateCampaign({
    org: ctx.config.GITHUB_ORG,
    campaign_number: c.number,
    contact_link: url,
  });
  ctx.logger.info({ campaign: c.id, number: c.number }, 'contact link set to the channel');
  return url;
}
