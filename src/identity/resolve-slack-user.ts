// Finds the Slack person behind a GitHub login: the stored link first, then the account's
// public e-mail (GitHub only lets people publish a verified address) matched with Slack's
// users.lookupByEmail. Misses are remembered for a while, so a busy campaign does not ask
// GitHub and Slack again for every message about the same unreachable login.
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import type { IdentityLink } from './identity-repo.ts';

/** How long a login with no findable Slack user is not looked up again. */
export const MISS_TTL_MS = 6 * 3600_000;
/** After a transient failure (rate limit, outage), try again sooner. */
const ERROR_TTL_MS = 5 * 60_000;

const missKey = (login: string) => `identity:miss:${login.toLowerCase()}`;

async function remember(ctx: AppContext, login: string, why: string, ttlMs: number) {
  await ctx.kv.set(missKey(login), why, { ttlMs });
  return null;
}

async function publicEmail(ctx: AppContext, login: string): Promise<string | null | 'error'> {
  try {
    const { data } = await ctx.github.rest.users.getByUsername({ username: login });
    // `email` is null when the person keeps it private; never look up an empty address.
    const email = typeof data.email === 'string' ? data.email.trim() : '';
    return email.includes('@') ? email : null;
  } catch (err) {
    if ((err as { status?: number }).status === 404) return null;
    ctx.logger.warn({ err, login }, 'github user lookup failed');
    return 'error';
  }
}

async function slackUserByEmail(ctx: AppContext, email: string): Promise<string | null | 'error'> {
  try {
    const res = await ctx.slack.users.lookupByEmail({ email });
    return res.user?.id && !res.user.deleted ? res.user.id : null;
  } catch (err) {
    if ((err as { data?: { error?: string } }).data?.error === 'users_not_found') return null;
    ctx.logger.warn({ err }, 'slack lookup by e-mail failed');
    return 'error';
  }
}

/** The link for a GitHub login, making an `email` link when the addresses match. */
export async function resolveSlackUser(
  ctx: AppContext,
  login: string,
): Promise<IdentityLink | null> {
  const known = await ctx.repos.identities.byGitHubLogin(login);
  if (known) return known;
  if (await ctx.kv.get(missKey(login))) return null;
  const email = await publicEmail(ctx, login);
  if (email === 'error') return remember(ctx, login, 'error', ERROR_TTL_MS);
  if (!email) return remember(ctx, login, 'no-email', MISS_TTL_MS);
  const slackUserId = await slackUserByEmail(ctx, email);
  if (slackUserId === 'error') return remember(ctx, login, 'error', ERROR_TTL_MS);
  if (!slackUserId) return remember(ctx, login, 'no-slack-user', MISS_TTL_MS);
  const link: IdentityLink = {
    slackUserId,
    githubLogin: login,
    source: 'email',
    linkedAt: ctx.now().toISOString(),
  };
  // A Slack user already tied to another login by sign-in or an admin keeps that link.
  if (!(await ctx.repos.identities.link(link))) return remember(ctx, login, 'taken', MISS_TTL_MS);
  ctx.logger.info({ login, slackUser: slackUserId }, 'identity linked by e-mail');
  return link;
}

/** A Slack mention for a login we can resolve, else the login as inert plain text. */
export async function slackMentionFor(ctx: AppContext, login: string): Promise<string> {
  const link = await findPerson(ctx, login);
  return link ? `<@${link.slackUserId}>` : safeText(login, 40);
}

/**
 * The Slack person to message about a login, by stored link or public e-mail; null when
 * there is none or the lookup failed (logged), so one unreachable person never stops a loop.
 */
export async function findPerson(ctx: AppContext, login: string): Promise<IdentityLink | null> {
  return resolveSlackUser(ctx, login).catch((err: unknown) => {
    ctx.logger.warn({ err, login, code: 'identity_lookup_failed' }, 'person lookup failed');
    return null;
  });
}
