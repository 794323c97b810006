// `/campaign whois @person` or `/campaign whois github-login`: the link between a Slack
// person and a GitHub account, and how it was made.
import { describeLink } from '../../identity/describe-link.ts';
import { parseGitHubLogin, parseSlackUser } from '../../identity/parse-mention.ts';
import { safeText } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

const USAGE = 'Usage: `/campaign whois @person` or `/campaign whois github-login`.';

export const whoisSubcommand: Subcommand = {
  name: 'whois',
  usage: 'whois @person|github-login',
  summary: 'the GitHub account linked to a person, or the person linked to an account',
  async run({ ctx, args }) {
    if (args.length !== 1) return USAGE;
    const slackUser = parseSlackUser(args[0]);
    if (slackUser) {
      const link = await ctx.repos.identities.bySlackUser(slackUser);
      return link ? describeLink(ctx, link) : `<@${slackUser}> is not linked to a GitHub account.`;
    }
    const login = parseGitHubLogin(args[0]);
    if (!login) {
      const typed = safeText(args[0] ?? '', 40);
      return `“${typed}” is neither a Slack mention nor a GitHub login. ${USAGE}`;
    }
    const link = await ctx.repos.identities.byGitHubLogin(login);
    return link
      ? describeLink(ctx, link)
      : `GitHub account *${safeText(login, 40)}* is not linked to anyone in Slack.`;
  },
};
