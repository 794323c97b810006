// What to tell someone Burndown does not know, or cannot act for. Where sign-in with GitHub is
// set up, that is `/campaign link`; where it is not, that command can only refuse, so people
// are pointed at the admins, who can map them (`/campaign map`) instead.
import type { AppContext } from '../app-context.ts';

/** Device-flow sign-in needs the App's client id and a key to seal tokens with. */
export function signInConfigured(ctx: AppContext): boolean {
  return Boolean(ctx.config.GITHUB_APP_CLIENT_ID && ctx.config.TOKEN_ENCRYPTION_KEY);
}

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;

/** The admins as mrkdwn mentions (`<@U1>, <@U2> or <!subteam^S1>`), or a fallback phrase. */
export function adminMentions(ctx: AppContext): string {
  const people = ctx.config.BURNDOWN_ADMINS.filter((id) => SLACK_USER_ID.test(id)).map(
    (id) => `<@${id}>`,
  );
  const group = ctx.config.BURNDOWN_ADMIN_GROUP;
  // A long list of ids would crowd the answer; the first few are enough to ask someone.
  const named = [...people.slice(0, 5), ...(group ? [`<!subteam^${group}>`] : [])];
  if (!named.length) return 'whoever runs Burndown';
  if (named.length === 1) return `a Burndown admin (${named[0]})`;
  return `a Burndown admin (${named.slice(0, -1).join(', ')} or ${named.at(-1)})`;
}

/** For the person themselves (mrkdwn): how to get their GitHub account known to Burndown. */
export function linkYourselfHint(ctx: AppContext, slackUserId: string): string {
  if (signInConfigured(ctx))
    return 'Run `/campaign link` to sign in with GitHub; it takes a minute.';
  return (
    'Signing in with GitHub is not set up on this Burndown, so an admin links people instead: ' +
    `ask ${adminMentions(ctx)} to run \`/campaign map <@${slackUserId}> your-github-login\`.`
  );
}

/** For someone else (plain text, as in a modal's field error): how they get linked. */
export function linkThemHint(ctx: AppContext): string {
  return signInConfigured(ctx)
    ? 'ask them to run /campaign link'
    : 'ask a Burndown admin to link them with /campaign map';
}

/** Why Burndown cannot act for a person who has not signed in, and what to do about it. */
export function actingHint(ctx: AppContext): string {
  if (signInConfigured(ctx))
    return 'Run `/campaign link` to sign in with GitHub; it takes a minute.';
  return (
    'Acting on GitHub needs a GitHub sign-in, which is not set up on this Burndown. ' +
    'Ask whoever runs Burndown to enable it.'
  );
}
