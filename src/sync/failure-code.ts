// The sync carries on past one alert's or one campaign's failure and logs it; the log's code
// says whose failure it was (GitHub, Slack, the store, …), so it can be searched by code.

import { slackErrorCode } from '../campaigns/slack-error.ts';
import { BotError, type ErrorCode } from '../errors.ts';
import { githubErrorCode } from '../github/explain-error.ts';

export function failureCode(err: unknown): ErrorCode {
  if (err instanceof BotError) return err.code;
  const status = (err as { status?: unknown } | undefined)?.status;
  if (typeof status === 'number') return githubErrorCode(status);
  // Slack's Web API client names its errors slack_webapi_…; platform errors also carry a word.
  const code = (err as { code?: unknown } | undefined)?.code;
  if (slackErrorCode(err) || (typeof code === 'string' && code.startsWith('slack_'))) {
    return 'slack_request_failed';
  }
  return 'unknown';
}
