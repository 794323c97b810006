// The one place that reads the environment. Every key is checked at start-up and every
// problem is listed at once, by name, never with its value: values may be secrets.
import { z } from 'zod';
import { BotError } from './errors.ts';
import { isCronExpression } from './jobs/cron-expression.ts';

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const cronSchema = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine(isCronExpression, 'must be a cron expression such as "0 9 * * 1-5"');

const schema = z.object({
  /** Bot token (xoxb-…) the app posts with. */
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'must be a Slack bot token (xoxb-…)'),
  /** Signing secret that proves a request came from Slack (HTTP mode). */
  SLACK_SIGNING_SECRET: optionalText,
  /** App-level token (xapp-…); when set, Burndown uses Socket Mode instead of HTTP. */
  SLACK_APP_TOKEN: optionalText.pipe(
    z
      .string()
      .regex(/^xapp-/, 'must be an app-level token (xapp-…)')
      .optional(),
  ),
  /** Web API base URL; only changed for tests, the demo, or a proxy. */
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  /** The GitHub organization whose campaigns Burndown runs. */
  GITHUB_ORG: z.string().regex(/^[A-Za-z0-9-]{1,39}$/, 'must be an organization login'),
  /** A token for the bot's own reads (alternative to a GitHub App). */
  GITHUB_TOKEN: optionalText,
  /** GitHub App id, private key (PEM) and installation id. */
  GITHUB_APP_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a number').optional()),
  GITHUB_APP_PRIVATE_KEY: optionalText.pipe(
    z
      .string()
      .regex(/-----BEGIN [A-Z ]*PRIVATE KEY-----/, 'must be a PEM private key')
      .optional(),
  ),
  GITHUB_APP_INSTALLATION_ID: optionalText,
  /** GitHub App client id and secret, for members' own sign-in (device flow). */
  GITHUB_APP_CLIENT_ID: optionalText,
  GITHUB_APP_CLIENT_SECRET: optionalText,
  /** REST API base: GitHub.com, GHE.com data residency, or GHES (`https://host/api/v3`). */
  GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** Web base for sign-in and links; derived from GITHUB_API_URL when unset. */
  GITHUB_WEB_URL: optionalText.pipe(z.url().optional()),
  /** Secret GitHub signs webhook deliveries with. */
  GITHUB_WEBHOOK_SECRET: optionalText,
  /** Redis connection; without it state lives in memory and is lost on restart. */
  REDIS_URL: optionalText.pipe(z.url().optional()),
  /** Prefix of every Redis key, so several bots (or tests) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default('burndown:'),
  /** HTTP port for Slack, GitHub webhooks, health and metrics. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Mapping file: YAML (`login: U123`) or `.csv` (`login,U123`); teams too (README). */
  IDENTITY_MAP_FILE: optionalText,
  /** 32-byte key (base64 or hex) that encrypts members' GitHub tokens at rest. */
  TOKEN_ENCRYPTION_KEY: optionalText,
  /** Slack user ids allowed to manage mappings and settings. */
  BURNDOWN_ADMINS: csv,
  /** Slack user group (S…) whose members are admins too. */
  BURNDOWN_ADMIN_GROUP: optionalText.pipe(
    z
      .string()
      .regex(/^S[A-Z0-9]+$/, 'must be a Slack user group id (S…)')
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Time zone of schedules (IANA name). */
  TZ: z
    .string()
    .default('UTC')
    .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Paris'),
  /** Prefix of campaign channel names. */
  CHANNEL_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{0,20}$/, 'lowercase letters, digits, - and _, at most 20')
    .default('campaign-'),
  /** Channel (id) where new campaigns are announced. */
  ANNOUNCE_CHANNEL: optionalText,
  /** Channel (id) for the weekly roll-up of all campaigns. */
  LEADS_CHANNEL: optionalText,
  /** Cron expression of the campaign digest. */
  DIGEST_CRON: cronSchema('0 9 * * 1-5'),
  /** Cron expression of the weekly roll-up to LEADS_CHANNEL (default Mondays 09:00). */
  ROLLUP_CRON: cronSchema('0 9 * * 1'),
  /** Cron expression of the daily due-date reminders and overdue notices. */
  REMINDER_CRON: cronSchema('0 10 * * *'),
  /** Cron expression of the GitHub poll (repairs missed webhooks). */
  POLL_CRON: cronSchema('*/10 * * * *'),
  /** Days before the due date when reminders go out. */
  DUE_REMINDER_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** Seconds during which assignments to one person are gathered into one DM. */
  NOTIFY_BATCH_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
  /** Milliseconds a delivery may stay unacknowledged before another replica retries it. */
  QUEUE_CLAIM_AFTER_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  /** Whether Burndown may commit autofixes to branches (needs Contents: write). */
  AUTOFIX_COMMITS_ENABLED: flag,
});

type RawEnv = Record<string, string | undefined>;

// Rules across keys. They read the raw environment so they are reported together with
// every other problem, not only once the rest is valid.
function crossKeyProblems(raw: RawEnv): string[] {
  const env = (k: string) => (raw[k]?.trim() ? raw[k]?.trim() : undefined);
  const problems: string[] = [];
  const appKeys = ['GITHUB_APP_ID', 'GITHUB_APP_PRIVATE_KEY', 'GITHUB_APP_INSTALLATION_ID'];
  const appSet = appKeys.filter((k) => env(k)).length;
  if (!env('GITHUB_TOKEN') && appSet === 0) {
    problems.push(
      'GITHUB_TOKEN: missing; set it, or GITHUB_APP_ID + GITHUB_APP_PRIVATE_KEY + ' +
        'GITHUB_APP_INSTALLATION_ID',
    );
  }
  if (appSet > 0 && appSet < 3) {
    for (const k of appKeys)
      if (!env(k)) problems.push(`${k}: required with the other GitHub App keys`);
  }
  if (!env('SLACK_APP_TOKEN') && !env('SLACK_SIGNING_SECRET')) {
    problems.push('SLACK_SIGNING_SECRET: missing; required in HTTP mode (or set SLACK_APP_TOKEN)');
  }
  if (!env('SLACK_APP_TOKEN') && !env('GITHUB_WEBHOOK_SECRET')) {
    problems.push('GITHUB_WEBHOOK_SECRET: missing; required to receive GitHub webhooks');
  }
  const key = env('TOKEN_ENCRYPTION_KEY');
  if (key && !decodeKey(key)) {
    problems.push('TOKEN_ENCRYPTION_KEY: must be 32 bytes as 64 hex characters or base64');
  }
  return problems;
}

function describe(issue: { path: PropertyKey[]; message: string; code: string }): string {
  const key = String(issue.path[0] ?? '?');
  // zod says "expected string, received undefined" for an unset key; people say "missing".
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  return `${key}: ${missing ? 'missing' : issue.message}`;
}

export type Config = Readonly<
  Omit<z.infer<typeof schema>, 'GITHUB_WEB_URL' | 'TOKEN_ENCRYPTION_KEY'> & {
    GITHUB_WEB_URL: string;
    /** The decoded key, or undefined when sign-in is not configured. */
    TOKEN_ENCRYPTION_KEY: Buffer | undefined;
    /** Whether Burndown runs over Socket Mode (no public URL). */
    socketMode: boolean;
  }
>;

/** The keys an operator sets; exported so docs and manifests can be checked against them. */
export const CONFIG_KEYS = Object.keys(schema.shape) as readonly string[];

export function loadConfig(raw: Record<string, string | undefined> = process.env): Config {
  // A key set to an empty string (a copied .env.example) counts as unset, not as a value.
  const env = Object.fromEntries(
    Object.entries(raw).filter(([, v]) => v !== undefined && v.trim() !== ''),
  ) as Record<string, string>;
  const parsed = schema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map(describe)),
    ...crossKeyProblems(env),
  ];
  if (!parsed.success || problems.length) {
    const unique = [...new Set(problems)].sort();
    throw new BotError('config_invalid', `invalid configuration:\n  ${unique.join('\n  ')}`, {
      fields: { keys: unique.map((p) => p.split(':')[0]) },
    });
  }
  const c = parsed.data;

  return Object.freeze({
    ...c,
    GITHUB_API_URL: c.GITHUB_API_URL.replace(/\/+$/, ''),
    GITHUB_WEB_URL: (c.GITHUB_WEB_URL ?? webUrlFor(c.GITHUB_API_URL)).replace(/\/+$/, ''),
    TOKEN_ENCRYPTION_KEY: c.TOKEN_ENCRYPTION_KEY ? decodeKey(c.TOKEN_ENCRYPTION_KEY) : undefined,
    socketMode: Boolean(c.SLACK_APP_TOKEN),
  });
}

/** GitHub.com → github.com; GHE.com `api.x.ghe.com` → `x.ghe.com`; GHES `/api/v3` → host. */
export function webUrlFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname === 'api.github.com') return 'https://github.com';
  if (url.hostname.startsWith('api.') && url.hostname.endsWith('.ghe.com')) {
    return `${url.protocol}//${url.hostname.slice(4)}`;
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/api\/v3\/?$/, '')}`;
}

function decodeKey(text: string): Buffer | undefined {
  const hex = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : undefined;
  const key = hex ?? Buffer.from(text, 'base64');
  return key.length === 32 ? key : undefined;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
