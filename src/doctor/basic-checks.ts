// The doctor's local checks: configuration, the store, and the webhook secret.
import type { Config } from '../config.ts';
import { BotError } from '../errors.ts';
import { RedisKv } from '../store/redis-kv.ts';
import { type CheckResult, fail, ok, warn } from './check-result.ts';

const WHERE =
  'in the environment (Kubernetes: ConfigMap burndown-config or Secret burndown-secrets)';

export function checkConfig(
  env: Record<string, string | undefined>,
  load: (env: Record<string, string | undefined>) => Config,
): { config?: Config; results: CheckResult[] } {
  try {
    const config = load(env);
    return { config, results: [ok('configuration', 'every key is valid'), checkSignIn(config)] };
  } catch (err) {
    if (!(err instanceof BotError) || err.code !== 'config_invalid') throw err;
    const problems = err.message
      .split('\n')
      .slice(1)
      .map((line) => line.trim());
    return {
      results: problems.map((problem) =>
        fail('configuration', problem, `set ${problem.split(':')[0]} ${WHERE}`),
      ),
    };
  }
}

/**
 * Sign-in is optional to start, but without it nobody can act from Slack: every alert button
 * and `/campaign new` write to GitHub with the clicking person's own token.
 */
function checkSignIn(config: Config): CheckResult {
  const missing = (['GITHUB_APP_CLIENT_ID', 'TOKEN_ENCRYPTION_KEY'] as const).filter(
    (k) => !config[k],
  );
  if (missing.length === 0) return ok('sign-in', 'people can sign in with GitHub from Slack');
  return warn(
    'sign-in',
    `${missing.join(' and ')} not set: nobody can sign in, so alert buttons and ` +
      '/campaign new cannot act (they write to GitHub only with the person’s own token)',
    `set ${missing.join(' and ')} ${WHERE}; see the README's GitHub App set-up`,
  );
}

/** Hides a password in a Redis URL so the report can name the host. */
export function safeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function timeout<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

export async function checkRedis(config: Config, timeoutMs = 3000): Promise<CheckResult> {
  const name = 'Redis';
  if (!config.REDIS_URL) {
    return warn(
      name,
      'REDIS_URL is not set: state lives in memory, is lost on restart, and replicas ' +
        'cannot share it',
      `set REDIS_URL ${WHERE}; required for more than one replica`,
    );
  }
  const where = safeRedisUrl(config.REDIS_URL);
  let kv: RedisKv | undefined;
  let gaveUp = false;
  try {
    const connecting = RedisKv.connect({ url: config.REDIS_URL, prefix: config.REDIS_KEY_PREFIX });
    // A connection that opens after we gave up still owns a socket; close it then.
    connecting.then(
      (late) => (gaveUp ? late.close() : undefined),
      () => {},
    );
    kv = await timeout(timeoutMs, connecting).catch((err) => {
      gaveUp = true;
      throw err;
    });
    if (!(await timeout(timeoutMs, kv.ping())))
      throw new BotError('store_unavailable', 'PING got no PONG');
    return ok(name, `PING answered by ${where}`);
  } catch (err) {
    return fail(
      name,
      `cannot reach ${where} (${(err as Error).message})`,
      'check REDIS_URL (host, port, password, rediss:// for TLS) and that Redis is running',
    );
  } finally {
    await kv?.close().catch(() => {});
  }
}

// GitHub allows any secret; a short or placeholder one makes forged deliveries guessable.
const PLACEHOLDERS = /^(changeme|change-me|secret|password|replace.*|todo|xxx+|test)$/i;

export function checkWebhookSecret(config: Config): CheckResult {
  const name = 'GitHub webhook secret';
  const secret = config.GITHUB_WEBHOOK_SECRET;
  const fix =
    'generate one (`openssl rand -hex 32`), put it in GITHUB_WEBHOOK_SECRET (Secret ' +
    'burndown-secrets) and in the GitHub App settings › Webhook secret';
  if (!secret) {
    return warn(name, 'not set: GitHub webhooks are refused; changes arrive only by polling', fix);
  }
  if (PLACEHOLDERS.test(secret)) return fail(name, 'is a placeholder value', fix);
  if (secret.length < 20) return fail(name, `is ${secret.length} characters; use at least 20`, fix);
  return ok(name, `set (${secret.length} characters)`);
}
