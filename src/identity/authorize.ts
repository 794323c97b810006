// The one authorization policy. Burndown writes to GitHub for a person only with that
// person's own signed-in token, so GitHub decides what they may do and GitHub's history
// shows the human. Everyone else is told, privately, how to sign in; nothing is sent.
import { refreshToken } from '@octokit/oauth-methods';
import { request } from '@octokit/request';
import type { AppContext } from '../app-context.ts';
import type { GitHubClient } from '../github/client.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { withLock } from '../store/lock.ts';
import { actingHint } from './link-hint.ts';
import { handleRevokedToken, isUnauthorized } from './revoked-token.ts';
import { TokenStore, type UserTokens } from './token-store.ts';

export type Acting =
  | { ok: true; slackUserId: string; login: string; github: GitHubClient }
  | { ok: false; reason: 'not_linked' | 'not_signed_in' | 'expired' | 'off'; message: string };

// Refresh a little early so a token does not expire between the check and the request.
const EXPIRY_MARGIN_MS = 60_000;
// How many times (100 ms apart) a click waits for another one's refresh to finish.
const REFRESH_WAIT_ATTEMPTS = 50;

export function tokenStore(ctx: AppContext): TokenStore {
  return new TokenStore(ctx.kv, ctx.config.TOKEN_ENCRYPTION_KEY);
}

// Group membership changes rarely; a short cache keeps admin checks off Slack's rate limit.
const ADMIN_GROUP_CACHE_MS = 5 * 60_000;

/** Admins: the configured Slack user ids, and the members of the admin user group. */
export async function isAdmin(ctx: AppContext, slackUserId: string): Promise<boolean> {
  if (ctx.config.BURNDOWN_ADMINS.includes(slackUserId)) return true;
  const group = ctx.config.BURNDOWN_ADMIN_GROUP;
  if (!group) return false;
  const cacheKey = `admin-group:${group}`;
  let members = await ctx.kv.get(cacheKey);
  if (members === null) {
    try {
      const res = await ctx.slack.usergroups.users.list({ usergroup: group });
      members = (res.users ?? []).join(',');
      await ctx.kv.set(cacheKey, members, { ttlMs: ADMIN_GROUP_CACHE_MS });
    } catch (err) {
      // Fail closed: without the list nobody is an admin through the group.
      ctx.logger.warn({ err, group, code: 'slack_request_failed' }, 'admin group not readable');
      return false;
    }
  }
  return members.split(',').includes(slackUserId);
}

function needsRefresh(ctx: AppContext, t: UserTokens): boolean {
  return t.expiresAt !== undefined && t.expiresAt - EXPIRY_MARGIN_MS <= ctx.now().getTime();
}

async function refreshed(
  ctx: AppContext,
  userId: string,
  t: UserTokens,
): Promise<UserTokens | null> {
  const now = ctx.now().getTime();
  if (!needsRefresh(ctx, t)) return t;
  const { GITHUB_APP_CLIENT_ID: clientId, GITHUB_APP_CLIENT_SECRET: clientSecret } = ctx.config;
  if (!t.refreshToken || !clientId || !clientSecret) return null;
  if (t.refreshExpiresAt && t.refreshExpiresAt <= now) return null;
  try {
    const { authentication: a } = await refreshToken({
      clientType: 'github-app',
      clientId,
      clientSecret,
      refreshToken: t.refreshToken,
      // Someone is waiting on this (a click, an unlink): GitHub gets 20 seconds, not forever.
      request: request.defaults({
        baseUrl: ctx.config.GITHUB_WEB_URL,
        request: { signal: AbortSignal.timeout(20_000) },
      }),
    });
    const next: UserTokens = {
      login: t.login,
      accessToken: a.token,
      expiresAt: Date.parse(a.expiresAt),
      refreshToken: a.refreshToken,
      refreshExpiresAt: Date.parse(a.refreshTokenExpiresAt),
    };
    await tokenStore(ctx).put(userId, next);
    ctx.logger.info({ slackUser: userId, login: t.login }, 'github user token refreshed');
    return next;
  } catch (err) {
    ctx.logger.warn(
      { err, slackUser: userId, code: 'identity_token_revoked' },
      'token refresh failed',
    );
    return null;
  }
}

/**
 * A usable token, refreshed when it is about to expire. Refresh tokens are single use, so two
 * clicks at once (on any replicas) must not both spend it: one refreshes under a lock, the
 * other waits for the result.
 */
async function usable(ctx: AppContext, userId: string, t: UserTokens): Promise<UserTokens | null> {
  if (!needsRefresh(ctx, t)) return t;
  const store = tokenStore(ctx);
  for (let attempt = 0; attempt < REFRESH_WAIT_ATTEMPTS; attempt++) {
    const run = await withLock(ctx.kv, `token-refresh:${userId}`, 30_000, async () => {
      const latest = (await store.get(userId).catch(() => null)) ?? t;
      return refreshed(ctx, userId, latest);
    });
    if (run.ran) return run.value;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const latest = await store.get(userId).catch(() => null);
    if (latest && !needsRefresh(ctx, latest)) return latest;
  }
  return null;
}

/** The person's stored tokens, refreshed if about to expire; null when none is usable. */
export async function usableTokens(
  ctx: AppContext,
  slackUserId: string,
): Promise<UserTokens | null> {
  const stored = await tokenStore(ctx)
    .get(slackUserId)
    .catch(() => null);
  return stored ? usable(ctx, slackUserId, stored) : null;
}

/** Who may act for this Slack user on GitHub, with which client; or why nobody may. */
export async function actAs(ctx: AppContext, slackUserId: string): Promise<Acting> {
  const store = tokenStore(ctx);
  if (!store.configured) {
    return {
      ok: false,
      reason: 'off',
      message:
        'Acting on GitHub from Slack is not set up here (no TOKEN_ENCRYPTION_KEY). ' +
        'Ask whoever runs Burndown to enable sign-in.',
    };
  }
  const hint = actingHint(ctx);
  const link = await ctx.repos.identities.bySlackUser(slackUserId);
  if (!link) {
    return {
      ok: false,
      reason: 'not_linked',
      message: `Burndown does not know your GitHub account yet. ${hint}`,
    };
  }
  if (link.source !== 'signed-in') {
    const how = link.source === 'email' ? 'your e-mail address' : 'an admin mapping';
    return {
      ok: false,
      reason: 'not_signed_in',
      message:
        `Burndown knows you as *${safeText(link.githubLogin, 40)}* through ${how}, which is ` +
        `enough to notify you but not to act for you. ${hint}`,
    };
  }
  const tokens = await usableTokens(ctx, slackUserId);
  if (!tokens) {
    return {
      ok: false,
      reason: 'expired',
      message: `Your GitHub sign-in has expired. ${hint}`,
    };
  }
  const github = ctx.githubAs(tokens.accessToken);
  // A 401 to a person's token means they revoked it on GitHub: unlink and tell them, so the
  // next click gets the sign-in hint instead of another failure.
  github.hook.error('request', async (error) => {
    if (isUnauthorized(error)) {
      await handleRevokedToken(ctx, slackUserId).catch((err) =>
        ctx.logger.error({ err, slackUser: slackUserId }, 'revoked token cleanup failed'),
      );
    }
    throw error;
  });
  return { ok: true, slackUserId, login: link.githubLogin, github };
}
