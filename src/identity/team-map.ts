// GitHub team slugs mapped to Slack user groups, so a team that manages a campaign is
// mentioned in Slack as the matching group. Set by admins (`/campaign map-team`) or the
// mapping file.
import type { AppContext } from '../app-context.ts';
import { safeText } from '../slack/mrkdwn.ts';
import type { Kv } from '../store/kv.ts';

export interface TeamLink {
  teamSlug: string;
  usergroupId: string;
  /** The group's handle when known, for display (`@security`). */
  handle?: string;
  linkedAt: string;
  linkedBy?: string;
}

const KEY = 'identity:teams';

export class TeamMap {
  constructor(private readonly kv: Kv) {}

  async get(teamSlug: string): Promise<TeamLink | null> {
    const raw = await this.kv.hGet(KEY, teamSlug.toLowerCase());
    return raw ? (JSON.parse(raw) as TeamLink) : null;
  }

  async set(link: TeamLink): Promise<void> {
    await this.kv.hSet(KEY, { [link.teamSlug.toLowerCase()]: JSON.stringify(link) });
  }

  async remove(teamSlug: string): Promise<boolean> {
    return (await this.kv.hDel(KEY, teamSlug.toLowerCase())) > 0;
  }

  async all(): Promise<TeamLink[]> {
    return Object.values(await this.kv.hGetAll(KEY)).map((r) => JSON.parse(r) as TeamLink);
  }
}

export function teamMap(ctx: AppContext): TeamMap {
  return new TeamMap(ctx.kv);
}

/** A user-group mention for a mapped team slug, else `@org/slug` as inert plain text. */
export async function teamMentionFor(ctx: AppContext, slug: string): Promise<string> {
  const link = await teamMap(ctx)
    .get(slug)
    .catch(() => null);
  if (link) return `<!subteam^${link.usergroupId}>`;
  return safeText(`@${ctx.config.GITHUB_ORG}/${slug}`, 80);
}
