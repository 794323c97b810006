// Every scheduled job. A capability adds its job here.
import type { Config } from '../config.ts';
import { digestJobs } from '../digest/digest-jobs.ts';
import { notifyFlushJob } from '../notify/flush-notifications.ts';
import { pollJob } from '../sync/poll.ts';
import { resumeSignInsJob } from './resume-sign-ins.ts';
import type { Job } from './scheduler.ts';

export function allJobs(config: Config): Job[] {
  return [resumeSignInsJob, ...digestJobs(config), pollJob(config), notifyFlushJob];
}
