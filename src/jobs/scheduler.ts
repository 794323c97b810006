// Scheduled work (node-cron). Every replica runs the same schedule; a Redis lock lets one of
// them do each run, so several replicas never post the same digest twice.
import cron, { type ScheduledTask } from 'node-cron';
import type { AppContext } from '../app-context.ts';
import { withLock } from '../store/lock.ts';

export interface Job {
  name: string;
  /** Cron expression, read in the configured time zone. */
  cron: string;
  /** How long one run may hold the lock before another replica may take over. */
  lockMs?: number;
  run(ctx: AppContext): Promise<void>;
}

export type JobOutcome = 'ran' | 'skipped_locked' | 'failed';

/** Runs one job under its lock; used by the schedule and by tests and commands. */
export async function runJob(ctx: AppContext, job: Job): Promise<JobOutcome> {
  const log = ctx.logger.child({ job: job.name });
  try {
    const result = await withLock(ctx.kv, `job:${job.name}`, job.lockMs ?? 5 * 60_000, () =>
      job.run({ ...ctx, logger: log }),
    );
    const outcome: JobOutcome = result.ran ? 'ran' : 'skipped_locked';
    ctx.metrics.jobRuns.inc({ job: job.name, outcome });
    log.info({ outcome }, 'job finished');
    return outcome;
  } catch (err) {
    ctx.metrics.jobRuns.inc({ job: job.name, outcome: 'failed' });
    log.error({ err, code: 'unknown' }, 'job failed');
    return 'failed';
  }
}

export class Scheduler {
  private tasks: ScheduledTask[] = [];

  constructor(
    private readonly ctx: AppContext,
    private readonly jobs: Job[],
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const task = cron.schedule(job.cron, () => void runJob(this.ctx, job), {
        timezone: this.ctx.config.TZ,
        name: job.name,
        noOverlap: true,
      });
      this.tasks.push(task);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.tasks.map((t) => t.stop()));
    this.tasks = [];
  }
}
