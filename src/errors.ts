// One error type for the whole bot. Every failure we raise carries a code from a closed
// list, so logs can be searched by code and callers can branch without parsing messages.

export type ErrorCode =
  | 'config_invalid'
  | 'store_unavailable'
  | 'store_misuse'
  | 'webhook_signature_invalid'
  | 'webhook_payload_invalid'
  | 'queue_handler_failed'
  | 'github_request_failed'
  | 'github_forbidden'
  | 'github_not_found'
  | 'github_conflict'
  | 'github_validation_failed'
  | 'github_rate_limited'
  | 'slack_request_failed'
  | 'slack_channel_missing'
  | 'slack_rate_limited'
  | 'identity_not_linked'
  | 'identity_token_revoked'
  | 'identity_revoke_unavailable'
  | 'crypto_key_invalid'
  | 'campaign_invalid'
  | 'campaign_not_found'
  | 'lock_not_acquired'
  | 'unknown';

export class BotError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; fields?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'BotError';
    this.code = code;
    this.fields = options.fields ?? {};
  }
}

/** Wraps anything thrown into a BotError, keeping the original as `cause`. */
export function asBotError(err: unknown, code: ErrorCode = 'unknown'): BotError {
  if (err instanceof BotError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new BotError(code, message, { cause: err });
}
