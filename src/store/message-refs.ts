// Every Slack message about an alert is remembered (channel and ts), so that when the alert
// changes on GitHub the message can be edited in place instead of left contradicting it.
import { type AlertRef, alertKey } from '../domain/types.ts';
import type { Kv } from './kv.ts';

export interface MessageRef {
  channel: string;
  ts: string;
  /** What kind of message it is, so the right renderer rebuilds it. */
  kind: string;
}

/**
 * How long an alert's message list outlives its newest message: as long as Burndown keeps
 * what a sent message showed (`notify:msg:*`, 60 days; see notify/sent-messages.ts), after
 * which a ref can only be forgotten. Each write renews it, so the list lives as long as its
 * newest message, and an alert nobody hears about any more does not keep a key forever.
 */
export const MESSAGE_REF_TTL_MS = 60 * 24 * 3600_000;

const refKey = (ref: Pick<AlertRef, 'kind' | 'repoId' | 'number'>) => `messages:${alertKey(ref)}`;

export class MessageRefs {
  constructor(private readonly kv: Kv) {}

  async remember(alerts: Pick<AlertRef, 'kind' | 'repoId' | 'number'>[], ref: MessageRef) {
    const { channel, ts, kind } = ref;
    const value = JSON.stringify({ channel, ts, kind });
    for (const a of alerts) {
      const key = refKey(a);
      await this.kv.hSet(key, { [`${channel}:${ts}`]: value });
      await this.kv.pExpire(key, MESSAGE_REF_TTL_MS);
    }
  }

  async forAlert(alert: Pick<AlertRef, 'kind' | 'repoId' | 'number'>): Promise<MessageRef[]> {
    const all = await this.kv.hGetAll(refKey(alert));
    // Refs written before this version also list the message's other alerts; nothing reads
    // that list, so it is left out.
    return Object.values(all).map((v) => {
      const { channel, ts, kind } = JSON.parse(v) as MessageRef;
      return { channel, ts, kind };
    });
  }

  async forget(alert: Pick<AlertRef, 'kind' | 'repoId' | 'number'>, ref: MessageRef) {
    await this.kv.hDel(refKey(alert), `${ref.channel}:${ref.ts}`);
  }
}
