// The code a failure is logged under, and whether it was GitHub's answer (which people can
// be told in GitHub's terms) or something of Burndown's own (the store, Slack, a bug).
import { BotError, type ErrorCode } from '../errors.ts';
import { githubErrorCode } from '../github/explain-error.ts';

/** True for an HTTP answer from GitHub (Octokit's RequestError carries its status). */
export function isGitHubError(err: unknown): boolean {
  return typeof (err as { status?: unknown } | undefined)?.status === 'number';
}

export function codeOf(err: unknown): ErrorCode {
  if (err instanceof BotError) return err.code;
  if (isGitHubError(err)) return githubErrorCode((err as { status: number }).status);
  // Slack's Web API client names its errors slack_webapi_…
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('slack_')) return 'slack_request_failed';
  return 'unknown';
}
