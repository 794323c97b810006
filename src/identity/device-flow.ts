// GitHub's OAuth device flow for the GitHub App: no public callback URL is needed. The person
// gets a code in a private message, enters it on GitHub, and Burndown polls for the token.
// Both endpoints live on the web host (github.com, GHE.com or the GHES host), not the API.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { BotError } from '../errors.ts';
import { escapeMrkdwn, link } from '../slack/mrkdwn.ts';
import { dmUser } from './dm-user.ts';
import { oauthPost } from './github-oauth.ts';
import { signInConfigured } from './link-hint.ts';
import { type PendingSignIn, pendingSignIns } from './pending-sign-in.ts';
import { runDetached } from './sign-in-poller.ts';

/** Why sign-in cannot start here, in words for the person, or null when it can. */
export function signInUnavailable(ctx: AppContext): string | null {
  if (!signInConfigured(ctx)) {
    return (
      'Signing in with GitHub is not set up on this Burndown (it needs GITHUB_APP_CLIENT_ID and ' +
      'TOKEN_ENCRYPTION_KEY). Ask whoever runs Burndown to enable it.'
    );
  }
  return null;
}

function codeMessage(p: PendingSignIn, minutes: number) {
  // The address and the code are GitHub's answer; Slack parses the fallback like mrkdwn.
  const uri = escapeMrkdwn(p.verificationUri);
  const code = escapeMrkdwn(p.userCode);
  const text =
    `To link your GitHub account, open ${uri} and enter the code ${code}. ` +
    `The code works for ${minutes} minutes.`;
  const blocks = [
    {
      type: 'section' as const,
      text: {
        type: 'mrkdwn' as const,
        text:
          `*Link your GitHub account*\n1. Open ${link(p.verificationUri, p.verificationUri)}\n` +
          `2. Enter the code *\`${code}\`*\n` +
          `3. Approve Burndown. I will tell you here once it worked.`,
      },
    },
    {
      type: 'context' as const,
      elements: [
        {
          type: 'mrkdwn' as const,
          text:
            `The code works for ${minutes} minutes. Burndown acts on GitHub only as you, for ` +
            'what you click, and you can `/campaign unlink` at any time.',
        },
      ],
    },
  ];
  return { text, blocks };
}

/**
 * Starts a sign-in: asks GitHub for a device code, keeps it (sealed) in the store, sends the
 * person the code privately and polls in the background. Returns the private answer to show.
 */
export async function startSignIn(ctx: AppContext, slackUserId: string): Promise<string> {
  const unavailable = signInUnavailable(ctx);
  const store = pendingSignIns(ctx);
  if (unavailable || !store) return unavailable ?? '';
  const answer = await oauthPost(ctx, '/login/device/code', {
    client_id: ctx.config.GITHUB_APP_CLIENT_ID ?? '',
  });
  if (typeof answer.device_code !== 'string' || typeof answer.user_code !== 'string') {
    ctx.logger.error(
      { error: answer.error, code: 'github_request_failed' },
      'device code request refused',
    );
    throw new BotError(
      'github_request_failed',
      'GitHub did not start the sign-in. Check that device flow is enabled for the GitHub App ' +
        'and try again.',
    );
  }
  const nowMs = ctx.now().getTime();
  const expiresIn = Number(answer.expires_in) || 900;
  const pending: PendingSignIn = {
    slackUserId,
    deviceCode: answer.device_code,
    userCode: answer.user_code,
    verificationUri: String(answer.verification_uri ?? `${ctx.config.GITHUB_WEB_URL}/login/device`),
    expiresAt: nowMs + expiresIn * 1000,
    interval: Number(answer.interval) || 5,
    owner: randomUUID(),
    heartbeatAt: nowMs,
  };
  // A newer sign-in replaces an older one; the older loop sees it lost ownership and stops.
  await store.save(pending, nowMs);
  const message = codeMessage(pending, Math.round(expiresIn / 60));
  if (!(await dmUser(ctx, slackUserId, message.text, message.blocks))) {
    await store.remove(slackUserId);
    throw new BotError('slack_request_failed', 'I could not send you a direct message.');
  }
  ctx.logger.info({ slackUser: slackUserId }, 'sign-in started');
  runDetached(ctx, slackUserId, pending.owner);
  return 'I sent you a direct message with a code to enter on GitHub.';
}
