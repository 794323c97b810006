// A campaign's contact link defaults to its Slack channel. The link is written to GitHub
// with the creator's own token, like every write Burndown makes for a person.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { actAs } from '../identity/authorize.ts';

const TEAM_URL_KEY = 'slack:team-url';

/** Slack refuses a whole message (`invalid_blocks`) when a button's url is longer. */
export const MAX_SLACK_URL = 3000;
// What GitHub's `format: uri` allows: RFC 3986 characters and %-escapes, nothing else.
const URI_CHARS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;

/**
 * Why a contact link cannot be used, in words for the form, or null when it can: GitHub
 * stores it, and Slack shows it as the card's Contact button, so it must suit both.
 */
export function contactLinkProblem(link: string): string | null {
  if (!/^https?:\/\//i.test(link)) {
    return 'Use a full link starting with https://, or leave it empty.';
  }
  if (link.length > MAX_SLACK_URL) {
    const has = link.length;
    return `At most ${MAX_SLACK_URL} characters, as Slack allows (this one has ${has}).`;
  }
  if (!URL.canParse(link) || !new URL(link).hostname)
    return 'This is not a link a browser could open. Check it, or leave it empty.';
  if (!URI_CHARS.test(link)) {
    return (
      'The link has characters a web address cannot hold (spaces, quotes, <, >, | or ' +
      'non-ASCII letters). Copy it from the browser’s address bar.'
    );
  }
  return null;
}

/** The contact link when Slack will take it in a button; otherwise the card goes without. */
export function buttonContactLink(c: CampaignRecord): string | undefined {
  return c.contactLink && contactLinkProblem(c.contactLink) === null ? c.contactLink : undefined;
}

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
