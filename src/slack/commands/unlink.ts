// `/campaign unlink`: forget my GitHub link and token. Admins may unlink someone else with
// `/campaign unlink @person`.
import { isAdmin, tokenStore } from '../../identity/authorize.ts';
import { parseSlackUser } from '../../identity/parse-mention.ts';
import { pendingSignIns } from '../../identity/pending-sign-in.ts';
import { withdrawGrant } from '../../identity/withdraw-grant.ts';
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

    // Withdrawing on GitHub needs the stored token, so it comes first; Burndown's own copy
    // goes below whatever GitHub answers. Only a sign-in holds a token: mappings have none.
    const link = await ctx.repos.identities.bySlackUser(target);
    const withdrawn = link?.source === 'signed-in' && (await withdrawGrant(ctx, target));
    const removed = await ctx.repos.identities.unlink(target);
    await tokenStore(ctx).remove(target);
    await pendingSignIns(ctx)?.remove(target);
    ctx.logger.info(
      { unlinked: target, by: self, had: removed?.source, withdrawn },
      'identity unlinked',
    );

    const own = target === self;
    const who = own ? 'You are' : `<@${target}> is`;
    if (!removed) return `${who} not linked to a GitHub account; nothing to remove.`;
    const unlinked = `${who} no longer linked to *${safeText(removed.githubLogin, 40)}*`;
    if (withdrawn) {
      return (
        `${unlinked}; Burndown deleted the stored token and withdrew Burndown’s ` +
        'authorization on GitHub.'
      );
    }
    if (removed.source !== 'signed-in') return `${unlinked}; Burndown deleted the stored token.`;
    const settings = `${ctx.config.GITHUB_WEB_URL}/settings/apps/authorizations`;
    const hint = own
      ? `To also withdraw Burndown’s authorization on GitHub, see ${settings}.`
      : `They can withdraw Burndown’s authorization on GitHub at ${settings}.`;
    return `${unlinked}; Burndown deleted the stored token. ${hint}`;
  },
};
