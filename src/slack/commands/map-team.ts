// `/campaign map-team team-slug @user-group` (admins): a GitHub team that manages a campaign
// is then mentioned in Slack as that user group. `none` as the group removes the mapping.
import type { AppContext } from '../../app-context.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import { isAdmin } from '../../identity/authorize.ts';
import { parseUsergroup } from '../../identity/parse-mention.ts';
import { teamMap } from '../../identity/team-map.ts';
import { safeText } from '../mrkdwn.ts';
import { adminsOnlyAnswer } from './map.ts';
import type { Subcommand } from './subcommand.ts';

const USAGE = 'Usage: `/campaign map-team team-slug @user-group` (or `none` to remove; admins).';

async function findGroup(ctx: AppContext, arg: string) {
  const ref = parseUsergroup(arg);
  if (!ref) return null;
  const { usergroups = [] } = await ctx.slack.usergroups.list({});
  const found = usergroups.find((g) =>
    'id' in ref ? g.id === ref.id : g.handle?.toLowerCase() === ref.handle,
  );
  return found?.id ? { id: found.id, handle: found.handle } : null;
}

async function teamExists(ctx: AppContext, slug: string): Promise<boolean> {
  try {
    const teams = await ctx.github.paginate(ctx.github.rest.teams.list, {
      org: ctx.config.GITHUB_ORG,
      per_page: 100,
    });
    return teams.some((t) => t.slug.toLowerCase() === slug.toLowerCase());
  } catch (err) {
    throw explainGitHubError(err, 'list the organization’s teams');
  }
}

export const mapTeamSubcommand: Subcommand = {
  name: 'map-team',
  usage: 'map-team team-slug @user-group',
  summary: 'mention a Slack user group wherever a GitHub team manages a campaign',
  adminOnly: true,
  async run({ ctx, command, args }) {
    if (!(await isAdmin(ctx, command.user_id))) return adminsOnlyAnswer(ctx);
    const [slug = '', groupArg = ''] = args;
    if (args.length !== 2 || !/^[a-z0-9][a-z0-9_.-]*$/i.test(slug)) return USAGE;
    const team = `*${safeText(`${ctx.config.GITHUB_ORG}/${slug}`, 80)}*`;
    if (/^(none|-)$/i.test(groupArg)) {
      const removed = await teamMap(ctx).remove(slug);
      return removed ? `Team ${team} is no longer mapped.` : `Team ${team} was not mapped.`;
    }
    if (!(await teamExists(ctx, slug))) {
      return `GitHub has no team ${team}. Use the team’s slug as in its URL. ${USAGE}`;
    }
    const group = await findGroup(ctx, groupArg);
    if (!group) return `No Slack user group “${safeText(groupArg, 40)}”. ${USAGE}`;
    await teamMap(ctx).set({
      teamSlug: slug.toLowerCase(),
      usergroupId: group.id,
      ...(group.handle ? { handle: group.handle } : {}),
      linkedAt: ctx.now().toISOString(),
      linkedBy: command.user_id,
    });
    ctx.logger.info({ team: slug, usergroup: group.id, by: command.user_id }, 'team mapped');
    return `Team ${team} now resolves to <!subteam^${group.id}>.`;
  },
};
