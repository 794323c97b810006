// GitHub errors in words a person can act on, and coded for the logs.
import { asBotError, BotError, type ErrorCode } from '../errors.ts';
import { escapeMrkdwn } from '../slack/mrkdwn.ts';

interface HttpishError {
  status?: number;
  message?: string;
  response?: { data?: unknown; headers?: Record<string, string | undefined> };
}

export function githubErrorCode(status: number | undefined): ErrorCode {
  switch (status) {
    case 403:
      return 'github_forbidden';
    case 404:
      return 'github_not_found';
    case 409:
      return 'github_conflict';
    case 422:
      return 'github_validation_failed';
    case 429:
      return 'github_rate_limited';
    default:
      return 'github_request_failed';
  }
}

/** GitHub's own message, with the field errors it lists, without anything secret. */
function githubMessage(err: HttpishError): string | undefined {
  const data = err.response?.data as { message?: unknown; errors?: unknown } | undefined;
  const main = typeof data?.message === 'string' ? data.message : undefined;
  const details = Array.isArray(data?.errors)
    ? data.errors
        .map((e) => (typeof e === 'string' ? e : (e as { message?: string })?.message))
        .filter(Boolean)
    : [];
  return [main, ...details].filter(Boolean).join(': ') || undefined;
}

export function explainGitHubError(err: unknown, doing: string): BotError {
  const e = err as HttpishError;
  const status = e?.status;
  // Only GitHub's answers are explained as GitHub's; a bug of ours stays what it is.
  if (typeof status !== 'number') return asBotError(err);
  const said = githubMessage(e);
  const code = githubErrorCode(status);
  const reason: Record<string, string> = {
    github_forbidden:
      'GitHub refused: your account lacks the permission for this (or a rate limit was hit).',
    github_not_found: 'GitHub could not find it: it may have been deleted, or you cannot see it.',
    github_conflict: 'Someone changed it at the same moment; look again and retry.',
    github_validation_failed: 'GitHub did not accept the request.',
    github_rate_limited: 'GitHub asked us to slow down; try again in a minute.',
    github_request_failed: 'GitHub could not be reached or failed; try again shortly.',
  };
  // People read this in Slack mrkdwn (replies, private notes, modal sections); GitHub's words
  // and what was being done (a repository's name) are GitHub's text, so they are escaped.
  const quoted = said ? ` GitHub said: “${escapeMrkdwn(said)}”.` : '';
  const text = `Could not ${escapeMrkdwn(doing)}. ${reason[code] ?? ''}${quoted}`;
  return new BotError(code, text.trim(), { cause: err, fields: { status } });
}
