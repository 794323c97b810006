// Routes a queued GitHub delivery to the handlers for its event. Events nobody handles are
// acknowledged and counted: GitHub sends what the App subscribes to, and a new event type
// must never fill the dead-letter queue.
import type { AppContext } from '../app-context.ts';
import { BotError } from '../errors.ts';
import { withLogContext } from '../log-context.ts';
import type { QueueEntry } from '../store/kv.ts';

export interface Delivery {
  id: string;
  event: string;
  action: string | undefined;
  payload: Record<string, unknown>;
}

export type WebhookHandler = (ctx: AppContext, delivery: Delivery) => Promise<void>;

/** Handlers by `event` (all actions) or `event.action`. */
export type HandlerTable = Record<string, WebhookHandler[]>;

export function createDispatcher(ctx: AppContext, table: HandlerTable) {
  return async function dispatch(entry: QueueEntry): Promise<void> {
    const { deliveryId = '', event = '', body = '{}' } = entry.fields;
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body) as Record<string, unknown>;
    } catch (err) {
      throw new BotError('webhook_payload_invalid', 'queued delivery is not JSON', { cause: err });
    }
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
      throw new BotError('webhook_payload_invalid', 'queued delivery is not a JSON object');
    }
    const action = typeof payload.action === 'string' ? payload.action : undefined;
    const handlers = [
      ...(table[event] ?? []),
      ...(action ? (table[`${event}.${action}`] ?? []) : []),
    ];
    // The fields ride on the log context rather than a child logger: a child is built (and
    // its fields redacted) per delivery even when no line is ever written.
    return withLogContext({ deliveryId, event, action }, async () => {
      if (handlers.length === 0) {
        ctx.metrics.handled.inc({ event, outcome: 'unhandled' });
        ctx.logger.debug('no handler for this event; acknowledged');
        return;
      }
      const timer = ctx.metrics.handlerSeconds.startTimer({ event });
      try {
        for (const handler of handlers) {
          await handler(ctx, { id: deliveryId, event, action, payload });
        }
        ctx.metrics.handled.inc({ event, outcome: 'ok' });
      } catch (err) {
        ctx.metrics.handled.inc({ event, outcome: 'failed' });
        throw err;
      } finally {
        timer();
      }
    });
  };
}
