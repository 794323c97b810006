// How a link reads to people: who, which GitHub account, how it was made, and what it allows.
import type { AppContext } from '../app-context.ts';
import { link as mrkdwnLink } from '../slack/mrkdwn.ts';
import type { IdentityLink } from './identity-repo.ts';
import { signInConfigured } from './link-hint.ts';

const SOURCES: Record<IdentityLink['source'], string> = {
  'signed-in': 'signed in with GitHub',
  email: 'matched by e-mail address',
  admin: 'mapped by an admin',
};

export function sourceLabel(link: IdentityLink): string {
  if (link.source !== 'admin' || !link.linkedBy) return SOURCES[link.source];
  const by = /^[UW][A-Z0-9]+$/.test(link.linkedBy) ? `<@${link.linkedBy}>` : link.linkedBy;
  return `${SOURCES.admin} (${by})`;
}

/** One sentence about a link; `self` words it for the linked person themselves. */
export function describeLink(ctx: AppContext, link: IdentityLink, self = false): string {
  const url = `${ctx.config.GITHUB_WEB_URL}/${encodeURIComponent(link.githubLogin)}`;
  const them = self ? 'you' : 'them';
  // Without sign-in set up here, `/campaign link` would only refuse: say so instead.
  const until = signInConfigured(ctx)
    ? ` until ${self ? 'you' : 'they'} \`/campaign link\``
    : ', since signing in with GitHub is not set up on this Burndown';
  const can =
    link.source === 'signed-in'
      ? `Burndown may act on GitHub for ${them}.`
      : `Enough to notify ${them}; Burndown cannot act for ${them}${until}.`;
  const who = self ? 'You are' : `<@${link.slackUserId}> is`;
  return (
    `${who} ${mrkdwnLink(url, link.githubLogin, 40)} on GitHub, ` +
    `${sourceLabel(link)} on ${link.linkedAt.slice(0, 10)}. ${can}`
  );
}
