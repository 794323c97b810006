// GitHub answers 401 to a user token the person revoked (or an admin removed). The token is
// then useless: drop it and the signed-in link, and tell the person how to sign in again.
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { claimOnce } from '../store/lock.ts';
import { dmUser, section } from './dm-user.ts';
import { TokenStore } from './token-store.ts';

/** Unlinks a person whose GitHub token was refused; tells them once. */
export async function handleRevokedToken(ctx: AppContext, slackUserId: string): Promise<void> {
  const link = await ctx.repos.identities.bySlackUser(slackUserId);
  await new TokenStore(ctx.kv, ctx.config.TOKEN_ENCRYPTION_KEY).remove(slackUserId);
  if (link?.source !== 'signed-in') return;
  // Several requests may fail at once with the same dead token; one notice is enough.
  if (!(await claimOnce(ctx.kv, `identity:revoked:${slackUserId}:${link.linkedAt}`, 86_400_000))) {
    return;
  }
  await ctx.repos.identities.unlink(slackUserId);
  ctx.logger.warn(
    { slackUser: slackUserId, login: link.githubLogin, code: 'identity_token_revoked' },
    'github refused the user token; unlinked',
  );
  const text =
    'GitHub no longer accepts Burndown’s sign-in for your account ' +
    `*${safeText(link.githubLogin, 40)}*, so Burndown unlinked it and cannot act for you any ` +
    'more. Run `/campaign link` to sign in again.';
  await dmUser(ctx, slackUserId, text, section(text));
}

/** True for errors GitHub raises on a bad or revoked token. */
export function isUnauthorized(err: unknown): boolean {
  return (err as { status?: number } | null)?.status === 401;
}
