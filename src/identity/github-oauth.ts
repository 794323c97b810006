// The OAuth endpoints of GitHub's web host (github.com, GHE.com or the GHES host), where the
// device flow lives; they are not part of the REST API and answer most failures as 200 + error.
import type { AppContext } from '../app-context.ts';
import { BotError } from '../errors.ts';
import type { PendingSignIn } from './pending-sign-in.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export type OAuthAnswer = Record<string, unknown> & { error?: string };

/** POSTs to an OAuth endpoint of the web host; GitHub reports most failures as 200 + error. */
export async function oauthPost(
  ctx: AppContext,
  path: '/login/device/code' | '/login/oauth/access_token',
  params: Record<string, string>,
): Promise<OAuthAnswer> {
  const res = await fetch(`${ctx.config.GITHUB_WEB_URL}${path}`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'burndown',
    },
    body: new URLSearchParams(params).toString(),
    signal: AbortSignal.timeout(20_000),
  });
  const body = (await res.json().catch(() => ({}))) as OAuthAnswer;
  if (!res.ok && typeof body.error !== 'string') {
    throw new BotError('github_request_failed', `GitHub answered ${res.status} to ${path}`, {
      fields: { status: res.status, path },
    });
  }
  return body;
}

/** One poll of the token endpoint for a pending sign-in. */
export function exchangeDeviceCode(ctx: AppContext, p: PendingSignIn): Promise<OAuthAnswer> {
  return oauthPost(ctx, '/login/oauth/access_token', {
    client_id: ctx.config.GITHUB_APP_CLIENT_ID ?? '',
    device_code: p.deviceCode,
    grant_type: DEVICE_GRANT,
  });
}
