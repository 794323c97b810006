// The digest capability's scheduled jobs, registered together in jobs/all-jobs.ts.
import type { Config } from '../config.ts';
import type { Job } from '../jobs/scheduler.ts';
import { digestJob } from './digest-job.ts';
import { dueRemindersJob } from './due-reminders.ts';
import { rollupJob } from './rollup.ts';

export function digestJobs(config: Config): Job[] {
  return [digestJob(config), rollupJob(config), dueRemindersJob(config)];
}
