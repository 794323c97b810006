// What each sent notification message showed, so it can be redrawn in place when one of its
// alerts changes on GitHub. Kept beside the message refs (channel and ts per alert).
import type { AppContext } from '../app-context.ts';
import { isAlertNotice, type PendingNotice } from './notice.ts';

export const NOTIFY_MESSAGE_KIND = 'notify';

export interface SentMessage {
  to: string;
  direct: boolean;
  viewer?: string;
  buttons: boolean;
  continued: boolean;
  notices: PendingNotice[];
}

const key = (channel: string, ts: string) => `notify:msg:${channel}:${ts}`;
// Messages older than this are left as they are: nobody acts on a two-month-old DM.
const KEEP_MS = 60 * 24 * 3600_000;

export async function rememberSent(
  ctx: AppContext,
  channel: string,
  ts: string,
  sent: SentMessage,
): Promise<void> {
  await ctx.kv.set(key(channel, ts), JSON.stringify(sent), { ttlMs: KEEP_MS });
  const alerts = sent.notices
    .map((p) => p.notice)
    .filter(isAlertNotice)
    .map((n) => n.alert);
  if (alerts.length) {
    await ctx.repos.messages.remember(alerts, { channel, ts, kind: NOTIFY_MESSAGE_KIND });
  }
}

export async function sentMessage(
  ctx: AppContext,
  channel: string,
  ts: string,
): Promise<SentMessage | null> {
  const raw = await ctx.kv.get(key(channel, ts));
  return raw ? (JSON.parse(raw) as SentMessage) : null;
}
