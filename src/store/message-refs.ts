// Every Slack message about an alert is remembered (channel and ts), so that when the alert
// changes on GitHub the message can be edited in place instead of left contradicting it.
import { type AlertRef, alertKey } from '../domain/types.ts';
import type { Kv } from './kv.ts';

export interface MessageRef {
  channel: string;
  ts: string;
  /** What kind of message it is, so the right renderer rebuilds it. */
  kind: string;
  /** Other alerts the same message lists (a batched DM), by alert key. */
  alerts?: string[];
}

const refKey = (ref: Pick<AlertRef, 'kind' | 'repoId' | 'number'>) => `messages:${alertKey(ref)}`;

export class MessageRefs {
  constructor(private readonly kv: Kv) {}

  async remember(alerts: Pick<AlertRef, 'kind' | 'repoId' | 'number'>[], ref: MessageRef) {
    const value = JSON.stringify({ ...ref, alerts: alerts.map(alertKey) });
    for (const a of alerts) await this.kv.hSet(refKey(a), { [`${ref.channel}:${ref.ts}`]: value });
  }

  async forAlert(alert: Pick<AlertRef, 'kind' | 'repoId' | 'number'>): Promise<MessageRef[]> {
    const all = await this.kv.hGetAll(refKey(alert));
    return Object.values(all).map((v) => JSON.parse(v) as MessageRef);
  }

  async forget(alert: Pick<AlertRef, 'kind' | 'repoId' | 'number'>, ref: MessageRef) {
    await this.kv.hDel(refKey(alert), `${ref.channel}:${ref.ts}`);
  }
}
