// Turns alert changes into notices for people and channels, stored until their delivery
// time: assignments to the assignee, closures to the assignees and the point of contact,
// fixes and reopenings to the campaign channel. Each (alert, change, recipient) is stored at
// most once across retries and replicas, so it is sent at most once.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { type AlertSnapshot, alertKey } from '../domain/types.ts';
import { findPerson } from '../identity/resolve-slack-user.ts';
import { type AlertChange, changeId } from '../sync/alert-changes.ts';
import { deliveryTime } from './delivery-time.ts';
import type { Notice, PendingNotice } from './notice.ts';
import { batchDue, enqueueNotice } from './pending-store.ts';
import { getPrefs, userTimeZone } from './preferences.ts';

/** The campaign that explains an alert: an open one first, never a draft. */
export async function campaignForAlert(
  ctx: AppContext,
  alert: AlertSnapshot,
): Promise<CampaignRecord | undefined> {
  const all = (await ctx.repos.campaigns.forAlert(alert)).filter((c) => c.state !== 'draft');
  return all.find((c) => c.state === 'open') ?? all[0];
}

interface Sender {
  ctx: AppContext;
  key: string;
  nowMs: number;
  windowMs: number;
  campaign: CampaignRecord | undefined;
  /** Recipients (Slack user or channel ids) that got a new notice from this call. */
  queued: Set<string>;
}

/** Stores a notice for a person's DM at the time their preferences allow; false if not. */
async function toPerson(s: Sender, login: string, notice: Notice, idPart: string) {
  const { ctx } = s;
  // Someone who never signed in and was never mapped can still be found by the public
  // e-mail on their GitHub profile; resolveSlackUser remembers misses, so this costs GitHub
  // and Slack one lookup per unknown login every few hours, not one per notice.
  const link = await findPerson(ctx, login);
  if (!link) return false;
  const user = link.slackUserId;
  const prefs = await getPrefs(ctx.kv, user);
  const ready = await batchDue(ctx.kv, user, s.nowMs, s.windowMs);
  const needsZone = prefs.mode === 'digest' || Boolean(prefs.quiet);
  const tz = needsZone ? await userTimeZone(ctx, user) : ctx.config.TZ;
  const due = deliveryTime(ready, prefs, tz);
  if (due === null) {
    ctx.logger.info({ slackUser: user }, 'notifications off for this person; not queued');
    return true;
  }
  const pending: PendingNotice = {
    id: `${s.key}:${idPart}:${user}`,
    to: user,
    direct: true,
    viewer: link.githubLogin,
    notice,
    createdAt: s.nowMs,
  };
  if (await enqueueNotice(ctx.kv, pending, due)) {
    s.queued.add(user);
    ctx.logger.debug({ slackUser: user, notice: notice.type, due }, 'notice queued');
  }
  return true;
}

async function toChannel(s: Sender, notice: Notice, idPart: string) {
  const channel = s.campaign?.channelId;
  if (!channel) return;
  const due = await batchDue(s.ctx.kv, channel, s.nowMs, s.windowMs);
  const pending: PendingNotice = {
    id: `${s.key}:${idPart}:${channel}`,
    to: channel,
    direct: false,
    notice,
    createdAt: s.nowMs,
  };
  if (await enqueueNotice(s.ctx.kv, pending, due)) s.queued.add(channel);
}

/** Tells the point of contact, once per campaign and login, who cannot be reached. */
async function unreachable(s: Sender, login: string) {
  const c = s.campaign;
  s.ctx.logger.info({ login, campaign: c?.id }, 'assignee has no Slack user; not notified');
  const contact = c?.managers[0];
  if (!c || !contact || contact.toLowerCase() === login.toLowerCase()) return;
  const notice: Notice = { type: 'unreachable', login, campaignId: c.id };
  const sender = { ...s, key: `unreachable:${c.id}:${login.toLowerCase()}` };
  if (!(await toPerson(sender, contact, notice, 'poc'))) {
    s.ctx.logger.info({ campaign: c.id }, 'point of contact has no Slack user either');
  }
}

export async function notifyChanges(
  ctx: AppContext,
  before: AlertSnapshot | null,
  after: AlertSnapshot,
  changes: AlertChange[],
  actor?: string,
): Promise<string[]> {
  const self = (login: string | undefined) =>
    Boolean(actor && login && login.toLowerCase() === actor.toLowerCase());
  const campaign = await campaignForAlert(ctx, after);
  const queued = new Set<string>();
  const base = {
    queued,
    ctx,
    nowMs: ctx.now().getTime(),
    windowMs: ctx.config.NOTIFY_BATCH_SECONDS * 1000,
    campaign,
  };
  const campaignId = campaign?.id;
  const closing = changes.some((c) => c.type === 'dismissed' || c.type === 'fixed');
  for (const change of changes) {
    const s: Sender = { ...base, key: `${alertKey(after)}:${changeId(change, after, before)}` };
    const alert = after;
    switch (change.type) {
      case 'assigned':
        // Taking an alert yourself needs no DM saying you did.
        if (self(change.login)) break;
        if (!(await toPerson(s, change.login, { type: 'assigned', alert, campaignId }, 'a'))) {
          await unreachable(s, change.login);
        }
        break;
      case 'unassigned':
        // Closing an alert often clears its assignees too; the closure notice says enough.
        if (closing || self(change.login)) break;
        await toPerson(s, change.login, { type: 'unassigned', alert, campaignId }, 'u');
        break;
      case 'dismissed':
      case 'fixed': {
        const { by, reason, comment } = change;
        const notice: Notice = { type: change.type, alert, campaignId, by, reason, comment };
        // A code fix is news for the channel; a dismissal, or any secret resolution, is news
        // for the people answerable for the alert.
        if (change.type === 'fixed') await toChannel(s, notice, 'c');
        if (change.type === 'fixed' && alert.kind === 'code') break;
        const people = new Set<string>();
        for (const l of [...(before?.assignees ?? []), ...after.assignees]) people.add(l);
        if (campaign?.managers[0]) people.add(campaign.managers[0]);
        for (const login of people) {
          if ((by && login.toLowerCase() === by.toLowerCase()) || self(login)) continue;
          await toPerson(s, login, notice, 'd');
        }
        break;
      }
      case 'reopened':
        await toChannel(s, { type: 'reopened', alert, campaignId, by: change.by }, 'c');
        break;
    }
  }
  return [...queued];
}
