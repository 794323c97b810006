// Withdrawing Burndown's authorization on GitHub when a person unlinks. Deleting the grant
// ("Delete an app authorization") revokes every token GitHub issued the person for the App,
// so Burndown leaves their authorized apps instead of lingering there until they notice.
// It takes the App's client secret and a token GitHub still accepts; lacking either, the
// caller points the person to their settings page instead.
import { deleteAuthorization } from '@octokit/oauth-methods';
import type { AppContext } from '../app-context.ts';
import { appCredentialsRequest } from '../github/client.ts';
import { githubErrorCode } from '../github/explain-error.ts';
import { usableTokens } from './authorize.ts';

// The person is waiting for the reply to `/campaign unlink`; past this, they get the hint.
const REVOKE_TIMEOUT_MS = 10_000;

const NOT_WITHDRAWN = 'github authorization not withdrawn';

/** Deletes the person's grant to the App on GitHub; true when GitHub confirmed it. */
export async function withdrawGrant(ctx: AppContext, slackUserId: string): Promise<boolean> {
  const { GITHUB_APP_CLIENT_ID: clientId, GITHUB_APP_CLIENT_SECRET: clientSecret } = ctx.config;
  const log = ctx.logger.child({ unlinked: slackUserId });
  if (!clientId || !clientSecret) {
    log.info({ code: 'identity_revoke_unavailable', reason: 'no_client_secret' }, NOT_WITHDRAWN);
    return false;
  }

  // An expired access token names no grant GitHub can find, so refresh it first if we can.
  const tokens = await usableTokens(ctx, slackUserId);
  if (!tokens) {
    log.info({ code: 'identity_revoke_unavailable', reason: 'no_usable_token' }, NOT_WITHDRAWN);
    return false;
  }

  try {
    await deleteAuthorization({
      clientType: 'github-app',
      clientId,
      clientSecret,
      token: tokens.accessToken,
      // A REST endpoint, unlike the OAuth token endpoints on the web host.
      request: appCredentialsRequest(ctx.config.GITHUB_API_URL, REVOKE_TIMEOUT_MS),
    });
    log.info({ login: tokens.login }, 'github authorization withdrawn');
    return true;
  } catch (err) {
    // The error carries the request, token in its body, so only its status and text are kept.
    const status = (err as { status?: number }).status;
    const detail = err instanceof Error ? err.message : String(err);
    const fields = { login: tokens.login, status, detail };
    if (status === 401) {
      // GitHub refused the App's own client id or secret: an operator has something to fix.
      log.warn({ ...fields, code: 'config_invalid' }, NOT_WITHDRAWN);
    } else if (status === 404 || status === 422) {
      // The token was already revoked or expired on GitHub's side; nothing for anyone to fix.
      log.info({ ...fields, code: githubErrorCode(status) }, NOT_WITHDRAWN);
    } else {
      log.warn({ ...fields, code: githubErrorCode(status) }, NOT_WITHDRAWN);
    }
    return false;
  }
}
