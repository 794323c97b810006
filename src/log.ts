// Structured JSON logs. Messages are constant strings; details go in fields. Anything that
// looks like a credential is redacted by key before it is written, so a careless field
// never leaks a token.
import { type Logger as PinoLogger, pino } from 'pino';
import { currentLogContext } from './log-context.ts';

export type Logger = PinoLogger;
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const REDACTED_KEYS = [
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'secret',
  'client_secret',
  'clientSecret',
  'privateKey',
  'private_key',
  'authorization',
  'password',
  'signingSecret',
  'encryptionKey',
  // Configuration keys that hold credentials, for a config object logged by mistake.
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'GITHUB_TOKEN',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_CLIENT_SECRET',
  'GITHUB_WEBHOOK_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'REDIS_URL',
];

// Credentials have recognisable shapes; whatever field they end up in (an error message, a
// URL, a detail string), they are masked in the written line as a last line of defence.
const CREDENTIAL_SHAPES = new RegExp(
  [
    String.raw`\b(?:xox[abposr]-[\w-]+|xapp-[\w-]+|gh[pousr]_\w{10,}|github_pat_\w{10,})`,
    String.raw`-----BEGIN [A-Z ]*PRIVATE KEY-----[^"]*?-----END [A-Z ]*PRIVATE KEY-----`,
    // The password in a URL such as redis://user:password@host.
    String.raw`(?<=:\/\/[^\s/:@"]*:)[^\s/@"]+(?=@)`,
  ].join('|'),
  'g',
);

/** Masks credential-shaped text in one serialized log line. */
export function maskCredentials(line: string): string {
  return line.replace(CREDENTIAL_SHAPES, '[redacted]');
}

// pino's redact paths match by exact path, so list each key at the top level, one level
// down and two levels down: that covers `{ err: { config: { headers: { authorization }}}}`.
const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]);

/**
 * Errors as pino writes them, minus what HTTP client errors carry about the request: Octokit
 * puts the request's headers and body on `request` (a Basic client secret, a refresh token
 * in a form body), and key redaction cannot see inside a body string. What went wrong stays:
 * message, status, code, and the method and URL.
 */
function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown as Record<string, unknown>;
  if (out && typeof out === 'object') {
    const request = out.request as { method?: unknown; url?: unknown } | undefined;
    if (request && typeof request === 'object') {
      out.request = { method: request.method, url: request.url };
    }
    const response = out.response as { status?: unknown; url?: unknown } | undefined;
    if (response && typeof response === 'object') {
      out.response = { status: response.status, url: response.url };
    }
    // Causes are serialized the same way, however deep.
    if (out.cause && typeof out.cause === 'object') out.cause = serializeError(out.cause);
  }
  return out;
}

export function createLogger(
  options: { level?: LogLevel; destination?: NodeJS.WritableStream } = {},
): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'burndown' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      serializers: { err: serializeError },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => ({ ...currentLogContext() }),
      hooks: { streamWrite: maskCredentials },
    },
    options.destination ?? process.stdout,
  );
}

/** A logger that writes nowhere, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
