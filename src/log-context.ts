// Fields that follow a piece of work through every log line it causes: the Slack request id
// or the GitHub delivery id. Handlers log through ctx.logger as usual; the logger's mixin
// reads the fields of the work it runs inside, so nobody has to pass ids along by hand.
import { AsyncLocalStorage } from 'node:async_hooks';

export type LogContext = Readonly<Record<string, string | undefined>>;

const storage = new AsyncLocalStorage<LogContext>();

/** Runs `work` with `fields` added to every log line written while it runs. */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  const outer = storage.getStore();
  return storage.run(outer ? { ...outer, ...fields } : fields, work);
}

/** The fields of the work in progress, for the logger's mixin; empty outside any work. */
export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}
