// Bolt wants its own seven-method logger; this one writes through ours, so Bolt's lines are
// JSON with the same redaction as everything else.
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../log.ts';

const toPino: Record<string, string> = {
  [LogLevel.ERROR]: 'error',
  [LogLevel.WARN]: 'warn',
  [LogLevel.INFO]: 'info',
  [LogLevel.DEBUG]: 'debug',
};

export function boltLogger(logger: Logger): BoltLogger {
  let log = logger.child({ component: 'bolt' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...msgs: unknown[]) => {
      const errors = msgs.filter((m) => m instanceof Error);
      const text = msgs
        .filter((m) => !(m instanceof Error))
        .map(String)
        .join(' ');
      log[level]({ detail: text, ...(errors[0] ? { err: errors[0] } : {}) }, 'bolt');
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: (level: LogLevel) => {
      log.level = toPino[level] ?? 'info';
    },
    getLevel: () => {
      const level = log.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'warn') return LogLevel.WARN;
      if (level === 'error' || level === 'fatal') return LogLevel.ERROR;
      return LogLevel.INFO;
    },
    setName: (name: string) => {
      log = log.child({ name });
    },
  };
}
