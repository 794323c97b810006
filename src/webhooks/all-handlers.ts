// Every GitHub webhook handler, by event. A capability adds its table here.
import { alertHandlers } from './alert-handlers.ts';
import type { HandlerTable } from './dispatch.ts';

function merge(...tables: HandlerTable[]): HandlerTable {
  const out: HandlerTable = {};
  for (const t of tables) {
    for (const [key, handlers] of Object.entries(t)) out[key] = [...(out[key] ?? []), ...handlers];
  }
  return out;
}

export const webhookHandlers: HandlerTable = merge(alertHandlers);
