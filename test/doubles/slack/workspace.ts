// The fake workspace: people, groups, conversations and everything the bot stored in them.
// Kept as plain data so tests can read it directly and `reset()` can rebuild it from the seed.

export interface SlackUser {
  id: string;
  name: string;
  real_name: string;
  email?: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  is_admin: boolean;
  is_bot: boolean;
  deleted: boolean;
}

export interface Usergroup {
  id: string;
  handle: string;
  name: string;
  users: string[];
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
  user: string;
  files?: string[];
  /** Earlier versions, oldest first, when chat.update changed the message. */
  edits: { text: string; blocks?: unknown[] }[];
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  message_ts: string;
  text: string;
  blocks?: unknown[];
  thread_ts?: string;
}

/** A message handed to chat.scheduleMessage, waiting for its post_at (seconds). */
export interface ScheduledMessage {
  id: string;
  channel: string;
  post_at: number;
  text: string;
  blocks?: unknown[];
}

export interface Bookmark {
  id: string;
  channel_id: string;
  title: string;
  type: string;
  link: string;
  emoji?: string;
}

export interface Channel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_general: boolean;
  /** For a DM, the other person. */
  user?: string;
  creator: string;
  created: number;
  members: Set<string>;
  topic: string;
  purpose: string;
  messages: StoredMessage[];
  pins: { ts: string; created: number }[];
  bookmarks: Bookmark[];
}

export interface StoredView {
  id: string;
  type: string;
  hash: string;
  external_id?: string;
  user?: string;
  view: Record<string, unknown>;
}

export interface StoredFile {
  id: string;
  name: string;
  title?: string;
  length: number;
  alt_text?: string;
  bytes?: Buffer;
  completed: boolean;
  channels: string[];
  initial_comment?: string;
  thread_ts?: string;
}

export interface BotIdentity {
  user_id: string;
  bot_id: string;
  app_id: string;
  name: string;
}

export interface Workspace {
  team: { id: string; name: string; domain: string };
  bot: BotIdentity;
  users: SlackUser[];
  usergroups: Usergroup[];
  channels: Map<string, Channel>;
  ephemeral: EphemeralMessage[];
  scheduled: ScheduledMessage[];
  views: Map<string, StoredView>;
  /** Home tab per user id. */
  homes: Map<string, StoredView>;
  files: Map<string, StoredFile>;
  usedTriggers: Set<string>;
  expiredTriggers: Set<string>;
}

export interface UserSeed extends Partial<SlackUser> {
  id: string;
  name: string;
}

export interface ChannelSeed {
  id?: string;
  name: string;
  is_private?: boolean;
  is_archived?: boolean;
  is_general?: boolean;
  members?: string[];
  topic?: string;
  purpose?: string;
}

export interface WorkspaceSeed {
  team?: { id: string; name: string; domain: string };
  bot?: Partial<BotIdentity>;
  users?: UserSeed[];
  usergroups?: Usergroup[];
  channels?: ChannelSeed[];
}

const BOT: BotIdentity = {
  user_id: 'UBURNDOWN',
  bot_id: 'BBURNDOWN',
  app_id: 'A0BURN',
  name: 'burndown',
};

// Default people span time zones and roles so scheduling and permission code meets variety.
export const DEFAULT_USERS: UserSeed[] = [
  { id: 'U0ALICE', name: 'alice', email: 'alice@example.com', tz: 'Europe/Paris', is_admin: true },
  { id: 'U0BOB', name: 'bob', email: 'bob@example.com', tz: 'America/New_York' },
  { id: 'U0CAROL', name: 'carol', email: 'carol@example.com', tz: 'Asia/Tokyo' },
  { id: 'U0DAVE', name: 'dave', email: 'dave@example.com', tz: 'America/Los_Angeles' },
];

const DEFAULT_GROUPS: Usergroup[] = [
  { id: 'S0SECURITY', handle: 'security', name: 'Security', users: ['U0ALICE', 'U0CAROL'] },
];

const DEFAULT_CHANNELS: ChannelSeed[] = [
  { id: 'C0GENERAL', name: 'general', is_general: true, members: ['*', 'bot'] },
  { id: 'C0RANDOM', name: 'random', members: ['*'] },
  { id: 'C0OLD', name: 'old-campaign', is_archived: true, members: ['bot'] },
];

export function buildWorkspace(seed: WorkspaceSeed, now: number): Workspace {
  const bot = { ...BOT, ...seed.bot };
  const users = (seed.users ?? DEFAULT_USERS).map((u) => makeUser(u));
  users.push(makeUser({ id: bot.user_id, name: bot.name, is_bot: true, tz: 'UTC' }));
  const humans = users.filter((u) => !u.is_bot).map((u) => u.id);
  const ws: Workspace = {
    team: seed.team ?? { id: 'T0BURN', name: 'Burndown Test', domain: 'burndown-test' },
    bot,
    users,
    usergroups: structuredClone(seed.usergroups ?? DEFAULT_GROUPS),
    channels: new Map(),
    ephemeral: [],
    scheduled: [],
    views: new Map(),
    homes: new Map(),
    files: new Map(),
    usedTriggers: new Set(),
    expiredTriggers: new Set(),
  };
  for (const c of seed.channels ?? DEFAULT_CHANNELS) {
    // '*' stands for every human and 'bot' for the bot user, so seeds stay short.
    const members = (c.members ?? []).flatMap((m) =>
      m === '*' ? humans : m === 'bot' ? [bot.user_id] : [m],
    );
    const channel = newChannel(ws, { name: c.name, is_private: c.is_private ?? false }, now, c.id);
    Object.assign(channel, {
      is_archived: c.is_archived ?? false,
      is_general: c.is_general ?? false,
      topic: c.topic ?? '',
      purpose: c.purpose ?? '',
      members: new Set(members),
    });
  }
  return ws;
}

export function makeUser(seed: UserSeed): SlackUser {
  const tz = seed.tz ?? 'UTC';
  return {
    real_name: seed.name,
    tz,
    tz_label: tz,
    tz_offset: tzOffsetSeconds(tz),
    is_admin: false,
    is_bot: false,
    deleted: false,
    ...seed,
  };
}

/** Seconds east of UTC right now, the way Slack reports `tz_offset`. */
export function tzOffsetSeconds(tz: string, at = new Date()): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(parts ?? '');
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 3600 + Number(m[3]) * 60);
}

let idCounter = 0;

/** Ids look like Slack's: a type letter and upper-case alphanumerics. */
export function newId(prefix: string): string {
  idCounter += 1;
  return `${prefix}0${idCounter.toString(36).toUpperCase().padStart(8, '0')}`;
}

export function newChannel(
  ws: Workspace,
  init: { name: string; is_private: boolean; is_im?: boolean; user?: string },
  now: number,
  id?: string,
): Channel {
  const channel: Channel = {
    id: id ?? newId(init.is_im ? 'D' : 'C'),
    name: init.name,
    is_private: init.is_private,
    is_archived: false,
    is_im: init.is_im ?? false,
    is_mpim: false,
    is_general: false,
    creator: ws.bot.user_id,
    created: Math.floor(now / 1000),
    members: new Set(),
    topic: '',
    purpose: '',
    messages: [],
    pins: [],
    bookmarks: [],
  };
  if (init.user !== undefined) channel.user = init.user;
  ws.channels.set(channel.id, channel);
  return channel;
}

/** The bot's DM with a user, created on first use as Slack does. */
export function dmWith(ws: Workspace, userId: string, now: number): Channel {
  for (const c of ws.channels.values()) {
    if (c.is_im && c.user === userId) return c;
  }
  const dm = newChannel(ws, { name: userId, is_private: true, is_im: true, user: userId }, now);
  dm.members = new Set([userId, ws.bot.user_id]);
  return dm;
}

export function findUser(ws: Workspace, id: string): SlackUser | undefined {
  return ws.users.find((u) => u.id === id);
}
