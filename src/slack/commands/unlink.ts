// `/campaign unlink`: forget my GitHub link and token. Admins may unlink someone else with
// `/campaign unlink @person`.
import { isAdmin, tokenStore } from '../../identity/authorize.ts';
import { parseSlackUser } from '../../identity/parse-mention.ts';
import { pendingSignIns } from '../../identity/pending-sign-in.ts';
import { safeText } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

export const unlinkSubcommand: Subcommand = {
  name: 'unlink',
  aliases: ['logout', 'signout', 'sign-out'],
  usage: 'unlink',
  summary: 'remove your GitHub link and the token Burndown keeps for you',
  async run({ ctx, command, args }) {
    const self = command.user_id;
    const target = args[0] ? parseSlackUser(args[0]) : self;
    if (!target) return 'Usage: `/campaign unlink` (admins: `/campaign unlink @person`).';
    if (target !== self && !(await isAdmin(ctx, self))) {
      return (
        'Only Burndown admins can unlink someone else. ' +
        '`/campaign unlink` removes your own link.'
      );
    }
    const removed = await ctx.repos.identities.unlink(target);
    await tokenStore(ctx).remove(target);
    await pendingSignIns(ctx)?.remove(target);
    ctx.logger.info({ slackUser: target, by: self, had: removed?.source }, 'identity unlinked');
    const who = target === self ? 'You are' : `<@${target}> is`;
    if (!removed) return `${who} not linked to a GitHub account; nothing to remove.`;
    const login = `*${safeText(removed.githubLogin, 40)}*`;
    const revoke =
      removed.source === 'signed-in'
        ? ' To also withdraw Burndown’s authorization on GitHub, see ' +
          `${ctx.config.GITHUB_WEB_URL}/settings/apps/authorizations.`
        : '';
    return `${who} no longer linked to ${login}; Burndown deleted the stored token.${revoke}`;
  },
};
