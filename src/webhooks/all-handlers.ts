// Every GitHub webhook handler, by event. A capability adds its table here.
import { dismissalRequestHandlers } from '../actions/dismissal-request-webhook.ts';
import { alertHandlers } from './alert-handlers.ts';
import type { HandlerTable } from './dispatch.ts';
import { secretLocationHandlers } from './secret-location-handler.ts';

function merge(...tables: HandlerTable[]): HandlerTable {
  const out: HandlerTable = {};
  for (const t of tables) {
    for (const [key, handlers] of Object.entries(t)) out[key] = [...(out[key] ?? []), ...handlers];
  }
  return out;
}

export const webhookHandlers: HandlerTable = merge(
  alertHandlers,
  secretLocationHandlers,
  dismissalRequestHandlers,
);
