// People on a campaign as Slack shows them: GitHub logins become mentions and names when
// Burndown knows the person, and stay plain (escaped) logins otherwise.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { escapeMrkdwn } from '../slack/mrkdwn.ts';

export interface Person {
  login: string;
  slackUserId?: string;
  /** A display name: the Slack real name when known, else the GitHub login. */
  name: string;
}

async function slackName(ctx: AppContext, userId: string): Promise<string | undefined> {
  try {
    const res = await ctx.slack.users.info({ user: userId });
    const user = res.user as { real_name?: string; name?: string } | undefined;
    return user?.real_name || user?.name || undefined;
  } catch (err) {
    ctx.logger.debug({ err, slackUser: userId }, 'slack user name unavailable');
    return undefined;
  }
}

export async function personFor(ctx: AppContext, login: string): Promise<Person> {
  const link = await ctx.repos.identities.byGitHubLogin(login);
  if (!link) return { login, name: login };
  const name = (await slackName(ctx, link.slackUserId)) ?? login;
  return { login, slackUserId: link.slackUserId, name };
}

/** The point of contact is the first manager; a campaign without one has none. */
export async function pointOfContact(
  ctx: AppContext,
  campaign: CampaignRecord,
): Promise<Person | undefined> {
  const first = campaign.managers[0];
  return first ? personFor(ctx, first) : undefined;
}

/** mrkdwn: `Kim Sato (<@U0KIM>)`, or the escaped login when Burndown cannot reach them. */
export function personMrkdwn(p: Person): string {
  if (!p.slackUserId) return `${escapeMrkdwn(p.name)} (GitHub \`${escapeMrkdwn(p.login)}\`)`;
  return `${escapeMrkdwn(p.name)} (<@${p.slackUserId}>)`;
}

/** Slack users of the managers Burndown can reach, for channel invites. */
export async function managerSlackIds(ctx: AppContext, logins: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const login of logins) {
    const link = await ctx.repos.identities.byGitHubLogin(login);
    if (link) ids.push(link.slackUserId);
  }
  return ids;
}
