// `/campaign map @person github-login` (admins): links a Slack person to a GitHub account
// for people who never sign in. Such a link lets Burndown notify them, never act for them.
import type { AppContext } from '../../app-context.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import { isAdmin } from '../../identity/authorize.ts';
import { describeLink } from '../../identity/describe-link.ts';
import type { IdentityLink } from '../../identity/identity-repo.ts';
import { adminMentions, signInConfigured } from '../../identity/link-hint.ts';
import { parseGitHubLogin, parseSlackUser } from '../../identity/parse-mention.ts';
import { safeText } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

const USAGE = 'Usage: `/campaign map @person github-login` (admins only).';

/** The refusal for non-admins; it offers `/campaign link` only where sign-in is set up. */
export function adminsOnlyAnswer(ctx: AppContext): string {
  const ask = `Only Burndown admins can change mappings. Ask ${adminMentions(ctx)}`;
  return signInConfigured(ctx)
    ? `${ask}, or run \`/campaign link\` to link your own account by signing in.`
    : `${ask}.`;
}

export const mapSubcommand: Subcommand = {
  name: 'map',
  usage: 'map @person github-login',
  summary: 'link a Slack person to a GitHub login (notifications only)',
  adminOnly: true,
  async run({ ctx, command, args }) {
    if (!(await isAdmin(ctx, command.user_id))) return adminsOnlyAnswer(ctx);
    const slackUserId = parseSlackUser(args[0]);
    const login = parseGitHubLogin(args[1]);
    if (args.length !== 2 || !slackUserId || !login) return USAGE;
    let githubLogin: string;
    try {
      // Checks the account exists and takes GitHub's spelling of the login.
      const { data } = await ctx.github.rest.users.getByUsername({ username: login });
      githubLogin = data.login;
    } catch (err) {
      if ((err as { status?: number }).status === 404) {
        return `GitHub has no account *${safeText(login, 40)}*. Check the spelling. ${USAGE}`;
      }
      throw explainGitHubError(err, 'look up that GitHub account');
    }
    const link: IdentityLink = {
      slackUserId,
      githubLogin,
      source: 'admin',
      linkedAt: ctx.now().toISOString(),
      linkedBy: command.user_id,
    };
    if (!(await ctx.repos.identities.link(link))) {
      const existing =
        (await ctx.repos.identities.bySlackUser(slackUserId)) ??
        (await ctx.repos.identities.byGitHubLogin(githubLogin));
      const why = existing ? describeLink(ctx, existing) : '';
      return `Not changed: a signed-in link wins over a mapping. ${why}`;
    }
    ctx.logger.info(
      { slackUser: slackUserId, login: githubLogin, by: command.user_id },
      'identity mapped by admin',
    );
    return `Mapped. ${describeLink(ctx, link)}`;
  },
};
