// `npm run doctor`: checks a Burndown install from the outside in (configuration, Redis,
// Slack, GitHub, the webhook secret) and says for each problem what to change and where.
import { loadConfig } from '../config.ts';
import { silentLogger } from '../log.ts';
import { checkConfig, checkRedis, checkWebhookSecret } from './basic-checks.ts';
import { type CheckResult, formatReport } from './check-result.ts';
import { checkGitHub } from './github-check.ts';
import { checkSlack } from './slack-check.ts';

export interface DoctorReport {
  ok: boolean;
  results: CheckResult[];
  text: string;
}

export interface DoctorOptions {
  /** How long to wait for Redis to answer. */
  redisTimeoutMs?: number;
}

export async function runDoctor(
  env: Record<string, string | undefined>,
  options: DoctorOptions = {},
): Promise<DoctorReport> {
  const { config, results } = checkConfig(env, loadConfig);
  if (config) {
    const [redis, slack, github] = await Promise.all([
      checkRedis(config, options.redisTimeoutMs),
      checkSlack(config),
      checkGitHub(config, silentLogger()),
    ]);
    results.push(redis, ...slack, ...github, checkWebhookSecret(config));
  }
  return {
    ok: results.every((r) => r.status !== 'fail'),
    results,
    text: formatReport(results),
  };
}
