// Polls GitHub's token endpoint for a pending device-flow sign-in, at the interval GitHub
// asks for, until the person approves, refuses, or the code expires. The state lives in the
// store: if the replica polling dies, `resumeSignIns` (a job) lets another one carry on.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import { claimOnce } from '../store/lock.ts';
import { tokenStore } from './authorize.ts';
import { dmUser, section } from './dm-user.ts';
import { exchangeDeviceCode, type OAuthAnswer } from './github-oauth.ts';
import { type PendingSignIn, type PendingSignIns, pendingSignIns } from './pending-sign-in.ts';
import type { UserTokens } from './token-store.ts';

export type SignInOutcome = 'linked' | 'expired' | 'denied' | 'failed' | 'abandoned';

// A few network failures in a row are weather; more mean GitHub is unreachable for now.
const MAX_TRANSPORT_FAILURES = 5;
// GitHub documents adding 5 seconds to the interval on each `slow_down`.
const SLOW_DOWN_STEP_S = 5;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const FAILURES: Record<Exclude<SignInOutcome, 'linked' | 'abandoned'>, string> = {
  expired:
    'Your GitHub sign-in code expired before it was entered, so nothing was linked. ' +
    'Run `/campaign link` to get a new code.',
  denied:
    'The sign-in was cancelled on GitHub, so nothing was linked. ' +
    'Run `/campaign link` if you want to try again.',
  failed:
    'Burndown could not finish your GitHub sign-in, so nothing was linked. ' +
    'Run `/campaign link` to try again; if it keeps failing, tell whoever runs Burndown.',
};

async function fail(
  ctx: AppContext,
  store: PendingSignIns,
  p: PendingSignIn,
  outcome: keyof typeof FAILURES,
  detail: Record<string, unknown> = {},
): Promise<SignInOutcome> {
  await store.remove(p.slackUserId);
  ctx.logger.info({ slackUser: p.slackUserId, outcome, ...detail }, 'sign-in ended unlinked');
  await dmUser(ctx, p.slackUserId, FAILURES[outcome], section(FAILURES[outcome]));
  return outcome;
}

async function finish(
  ctx: AppContext,
  store: PendingSignIns,
  p: PendingSignIn,
  answer: OAuthAnswer,
): Promise<SignInOutcome> {
  const accessToken = String(answer.access_token);
  let login: string;
  try {
    // The token says who approved the code; the login comes from GitHub, never from Slack.
    const { data } = await ctx.githubAs(accessToken).rest.users.getAuthenticated();
    login = data.login;
  } catch (err) {
    ctx.logger.warn({ err, slackUser: p.slackUserId }, 'signed-in user could not be read');
    return fail(ctx, store, p, 'failed');
  }
  const nowMs = ctx.now().getTime();
  const seconds = (key: string) => (Number(answer[key]) > 0 ? Number(answer[key]) : undefined);
  const tokens: UserTokens = { login, accessToken };
  const expiresIn = seconds('expires_in');
  const refreshIn = seconds('refresh_token_expires_in');
  if (expiresIn) tokens.expiresAt = nowMs + expiresIn * 1000;
  if (typeof answer.refresh_token === 'string') tokens.refreshToken = answer.refresh_token;
  if (refreshIn) tokens.refreshExpiresAt = nowMs + refreshIn * 1000;

  const previous = await ctx.repos.identities.byGitHubLogin(login);
  await tokenStore(ctx).put(p.slackUserId, tokens);
  // Proof of the account beats any e-mail or admin guess, for this login and this person.
  await ctx.repos.identities.link(
    {
      slackUserId: p.slackUserId,
      githubLogin: login,
      source: 'signed-in',
      linkedAt: ctx.now().toISOString(),
    },
    { force: true },
  );
  if (previous && previous.slackUserId !== p.slackUserId) {
    await tokenStore(ctx).remove(previous.slackUserId);
  }
  await store.remove(p.slackUserId);
  ctx.logger.info({ slackUser: p.slackUserId, login }, 'sign-in linked');
  const text =
    `You are signed in as *${safeText(login, 40)}* on GitHub. When you click a button in ` +
    'Burndown, it now acts on GitHub as you, with what GitHub lets you do. ' +
    '`/campaign whoami` shows the link; `/campaign unlink` removes it.';
  await dmUser(ctx, p.slackUserId, text, section(text));
  return 'linked';
}

/** Re-reads the sign-in; null when it is gone or another loop owns it now. */
async function current(store: PendingSignIns, userId: string, owner: string) {
  const p = await store.get(userId);
  return p && p.owner === owner ? p : null;
}

/** Polls until the sign-in ends; returns how it ended. */
export async function pollSignIn(
  ctx: AppContext,
  slackUserId: string,
  owner: string,
): Promise<SignInOutcome> {
  const store = pendingSignIns(ctx);
  if (!store) return 'abandoned';
  const sleep = ctx.sleep ?? realSleep;
  let transportFailures = 0;
  for (;;) {
    const before = await current(store, slackUserId, owner);
    if (!before) return 'abandoned';
    if (ctx.now().getTime() >= before.expiresAt) return fail(ctx, store, before, 'expired');
    await sleep(before.interval * 1000);
    const p = await current(store, slackUserId, owner);
    if (!p) return 'abandoned';
    let answer: OAuthAnswer;
    try {
      answer = await exchangeDeviceCode(ctx, p);
      transportFailures = 0;
    } catch (err) {
      transportFailures++;
      ctx.logger.warn({ err, slackUser: slackUserId, transportFailures }, 'sign-in poll failed');
      if (transportFailures >= MAX_TRANSPORT_FAILURES) return fail(ctx, store, p, 'failed');
      continue;
    }
    if (typeof answer.access_token === 'string') return finish(ctx, store, p, answer);
    const nowMs = ctx.now().getTime();
    // A newer `/campaign link` (or `unlink`) may have replaced the record while we waited.
    if (!(await current(store, slackUserId, owner))) return 'abandoned';
    switch (answer.error) {
      case 'authorization_pending':
        await store.save({ ...p, heartbeatAt: nowMs }, nowMs);
        break;
      case 'slow_down': {
        // GitHub returns the new interval; without one, add the documented 5 seconds.
        const asked = Number(answer.interval);
        const interval = asked > p.interval ? asked : p.interval + SLOW_DOWN_STEP_S;
        ctx.logger.info({ slackUser: slackUserId, interval }, 'sign-in polling slowed down');
        await store.save({ ...p, interval, heartbeatAt: nowMs }, nowMs);
        break;
      }
      case 'expired_token':
        return fail(ctx, store, p, 'expired');
      case 'access_denied':
        return fail(ctx, store, p, 'denied');
      default:
        return fail(ctx, store, p, 'failed', { oauthError: answer.error });
    }
  }
}

/** Runs a poll loop without holding up the caller; the loop reports its own failures. */
export function runDetached(ctx: AppContext, slackUserId: string, owner: string): void {
  pollSignIn(ctx, slackUserId, owner).catch((err) =>
    ctx.logger.error({ err, slackUser: slackUserId, code: 'unknown' }, 'sign-in poll loop failed'),
  );
}

/**
 * Takes over sign-ins whose poller has gone quiet (its replica stopped or crashed) and polls
 * them here. Returns how many were taken over.
 */
export async function resumeSignIns(ctx: AppContext): Promise<number> {
  const store = pendingSignIns(ctx);
  if (!store) return 0;
  const nowMs = ctx.now().getTime();
  let resumed = 0;
  for (const userId of await store.users()) {
    const p = await store.get(userId);
    // A live poller writes a heartbeat every interval; three missed polls mean it is gone.
    if (!p || nowMs - p.heartbeatAt < p.interval * 3000 + 30_000) continue;
    if (!(await claimOnce(ctx.kv, `signin-takeover:${userId}:${p.owner}`, 900_000))) continue;
    const owner = randomUUID();
    await store.save({ ...p, owner, heartbeatAt: nowMs }, nowMs);
    ctx.logger.info({ slackUser: userId }, 'sign-in polling resumed');
    runDetached(ctx, userId, owner);
    resumed++;
  }
  return resumed;
}
