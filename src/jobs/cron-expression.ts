// Whether a schedule is one node-cron can run; config checks it at start-up so a typo is
// reported by key rather than as a crash when the schedule starts.
import cron from 'node-cron';

export function isCronExpression(expression: string): boolean {
  return cron.validate(expression);
}
