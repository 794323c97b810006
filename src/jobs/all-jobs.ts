// Every scheduled job. A capability adds its job here.
import type { Config } from '../config.ts';
import type { Job } from './scheduler.ts';

export function allJobs(_config: Config): Job[] {
  return [];
}
