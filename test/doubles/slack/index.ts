// Public surface of the Slack Web API double.
export { allTextSentInSuite, allTextSentTo, type SentText } from './all-text.ts';
export {
  checkMessage,
  checkView,
  LIMITS,
  type MessagePayload,
  type Problem,
  rejectionCode,
} from './block-kit-limits.ts';
export { allSlackCalls, allSlackViolations, type RecordedCall } from './call-registry.ts';
export type { Failure } from './failure-queue.ts';
export type { Violation } from './method-context.ts';
export {
  DEFAULT_SCOPES,
  DEFAULT_TOKEN,
  type MessageView,
  SlackDouble,
  type SlackDoubleOptions,
  startSlackDouble,
} from './slack-double.ts';
export type { Channel, SlackUser, Workspace, WorkspaceSeed } from './workspace.ts';
