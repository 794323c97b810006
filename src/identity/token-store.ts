// Members' own GitHub tokens, encrypted at rest with AES-256-GCM. The Slack user id is
// bound in as associated data, so a blob copied to another user's key does not decrypt.
// A Redis dump therefore holds no usable token.
import { BotError } from '../errors.ts';
import type { Kv } from '../store/kv.ts';
import { seal, unseal } from './seal.ts';

export interface UserTokens {
  login: string;
  accessToken: string;
  /** Epoch ms when the access token expires; absent when it does not expire. */
  expiresAt?: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
}

const key = (slackUserId: string) => `tokens:${slackUserId}`;

export class TokenStore {
  constructor(
    private readonly kv: Kv,
    private readonly secret: Buffer | undefined,
  ) {}

  get configured(): boolean {
    return this.secret !== undefined;
  }

  private cipherKey(): Buffer {
    if (!this.secret) {
      throw new BotError('crypto_key_invalid', 'TOKEN_ENCRYPTION_KEY is not set; sign-in is off');
    }
    return this.secret;
  }

  async put(slackUserId: string, tokens: UserTokens): Promise<void> {
    await this.kv.set(
      key(slackUserId),
      seal(this.cipherKey(), slackUserId, JSON.stringify(tokens)),
    );
  }

  async get(slackUserId: string): Promise<UserTokens | null> {
    const stored = await this.kv.get(key(slackUserId));
    if (!stored) return null;
    const text = unseal(this.cipherKey(), slackUserId, stored);
    return text === null ? null : (JSON.parse(text) as UserTokens);
  }

  async remove(slackUserId: string): Promise<void> {
    await this.kv.del(key(slackUserId));
  }
}
