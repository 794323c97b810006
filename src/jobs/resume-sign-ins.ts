// Every minute, sign-ins whose poller went quiet (its replica stopped) are taken over here,
// so a restart or a deploy during someone's sign-in does not strand them.
import { resumeSignIns } from '../identity/sign-in-poller.ts';
import type { Job } from './scheduler.ts';

export const resumeSignInsJob: Job = {
  name: 'resume-sign-ins',
  cron: '* * * * *',
  lockMs: 30_000,
  async run(ctx) {
    const resumed = await resumeSignIns(ctx);
    if (resumed) ctx.logger.info({ resumed }, 'stalled sign-ins resumed');
  },
};
