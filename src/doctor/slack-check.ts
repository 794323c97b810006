// The doctor's Slack checks: the bot token works, and it holds every scope Burndown uses.
import { LogLevel, type WebAPICallResult, WebClient } from '@slack/web-api';
import type { Config } from '../config.ts';
import { type CheckResult, fail, ok } from './check-result.ts';
import { REQUIRED_SLACK_SCOPES } from './required-access.ts';

const REINSTALL =
  'add the missing scopes under api.slack.com/apps › your app › OAuth & Permissions › Bot ' +
  'Token Scopes (or update the app from slack-manifest.yml), reinstall the app to the ' +
  'workspace, and put the new bot token in SLACK_BOT_TOKEN (Secret burndown-secrets)';

export async function checkSlack(config: Config): Promise<CheckResult[]> {
  const client = new WebClient(config.SLACK_BOT_TOKEN, {
    slackApiUrl: config.SLACK_API_URL,
    // A report must come back in seconds, not after the default half hour of retries.
    retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 500 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    // The report says what failed; the client's own warnings would only repeat it, raw.
    logLevel: LogLevel.ERROR,
  });
  let result: WebAPICallResult & { team?: string; user?: string };
  try {
    result = await client.auth.test();
  } catch (err) {
    // No answer at all says nothing about the token: name the address instead.
    if ((err as { code?: string }).code === 'slack_webapi_request_error') {
      return [
        fail(
          'Slack API',
          `no answer from ${config.SLACK_API_URL}`,
          'check this host can reach Slack (proxy, firewall, DNS); leave SLACK_API_URL unset ' +
            'unless you use a proxy',
        ),
      ];
    }
    const code = (err as { data?: { error?: string } }).data?.error ?? (err as Error).message;
    return [
      fail(
        'Slack bot token',
        `Slack refused it (${code})`,
        'copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions into SLACK_BOT_TOKEN ' +
          '(Secret burndown-secrets); reinstall the app if it was revoked',
      ),
    ];
  }
  const results = [ok('Slack bot token', `valid for bot ${result.user} in ${result.team}`)];
  // Slack lists the token's scopes in the x-oauth-scopes header; the SDK surfaces it here.
  const granted = new Set(result.response_metadata?.scopes ?? []);
  const missing = REQUIRED_SLACK_SCOPES.filter((s) => !granted.has(s));
  results.push(
    missing.length
      ? fail('Slack scopes', `the bot token lacks ${missing.join(', ')}`, REINSTALL)
      : ok('Slack scopes', `all ${REQUIRED_SLACK_SCOPES.length} bot scopes granted`),
  );
  return results;
}
