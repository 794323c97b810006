// Links between Slack users and GitHub logins. Each link records how it was made; only a
// `signed-in` link (the person proved the GitHub account is theirs) may act on GitHub.
import type { Kv } from '../store/kv.ts';

export type LinkSource = 'signed-in' | 'email' | 'admin';

export interface IdentityLink {
  slackUserId: string;
  githubLogin: string;
  source: LinkSource;
  linkedAt: string;
  /** Slack user who made an admin link. */
  linkedBy?: string;
}

// A weaker source never replaces a stronger one: an admin map cannot undo a sign-in.
const STRENGTH: Record<LinkSource, number> = { email: 1, admin: 2, 'signed-in': 3 };

const loginKey = (login: string) => `identity:github:${login.toLowerCase()}`;
const slackKey = (userId: string) => `identity:slack:${userId}`;

export class IdentityRepo {
  constructor(private readonly kv: Kv) {}

  async bySlackUser(slackUserId: string): Promise<IdentityLink | null> {
    const raw = await this.kv.get(slackKey(slackUserId));
    return raw ? (JSON.parse(raw) as IdentityLink) : null;
  }

  async byGitHubLogin(login: string): Promise<IdentityLink | null> {
    const userId = await this.kv.get(loginKey(login));
    return userId ? this.bySlackUser(userId) : null;
  }

  /**
   * Stores a link unless a stronger one already exists for either side. Returns whether it
   * was stored. A Slack user has one GitHub login and a login one Slack user.
   */
  async link(link: IdentityLink, options: { force?: boolean } = {}): Promise<boolean> {
    const existing = await this.bySlackUser(link.slackUserId);
    const owner = await this.byGitHubLogin(link.githubLogin);
    for (const other of [existing, owner]) {
      if (other && !options.force && STRENGTH[other.source] > STRENGTH[link.source]) return false;
    }
    if (existing) await this.kv.del(loginKey(existing.githubLogin));
    if (owner && owner.slackUserId !== link.slackUserId)
      await this.kv.del(slackKey(owner.slackUserId));
    await this.kv.set(slackKey(link.slackUserId), JSON.stringify(link));
    await this.kv.set(loginKey(link.githubLogin), link.slackUserId);
    await this.kv.sAdd('identity:users', link.slackUserId);
    return true;
  }

  async unlink(slackUserId: string): Promise<IdentityLink | null> {
    const existing = await this.bySlackUser(slackUserId);
    if (!existing) return null;
    await this.kv.del(slackKey(slackUserId), loginKey(existing.githubLogin));
    await this.kv.sRem('identity:users', slackUserId);
    return existing;
  }

  async all(): Promise<IdentityLink[]> {
    const ids = await this.kv.sMembers('identity:users');
    const raws = await this.kv.mGet(ids.map(slackKey));
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as IdentityLink);
  }
}
