// Every call any double received in this process, so a last test can scan the whole suite
// (for example for leaked secrets) after the individual doubles have been closed.
import type { Args, Reply, Violation } from './method-context.ts';

export interface RecordedCall {
  /** Web API method name, or 'upload' for bytes POSTed to an upload URL. */
  method: string;
  args: Args;
  token: string | undefined;
  time: number;
  status: number;
  response: Reply;
}

export const allSlackCalls: RecordedCall[] = [];
export const allSlackViolations: Violation[] = [];
