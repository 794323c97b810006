// Members' own GitHub tokens, encrypted at rest with AES-256-GCM. The Slack user id is
// bound in as associated data, so a blob copied to another user's key does not decrypt.
// A Redis dump therefore holds no usable token.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BotError } from '../errors.ts';
import type { Kv } from '../store/kv.ts';

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
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.cipherKey(), iv);
    cipher.setAAD(Buffer.from(slackUserId));
    const body = Buffer.concat([cipher.update(JSON.stringify(tokens), 'utf8'), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    await this.kv.set(key(slackUserId), `v1:${blob}`);
  }

  async get(slackUserId: string): Promise<UserTokens | null> {
    const stored = await this.kv.get(key(slackUserId));
    if (!stored?.startsWith('v1:')) return null;
    const raw = Buffer.from(stored.slice(3), 'base64');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.cipherKey(), raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(slackUserId));
      decipher.setAuthTag(raw.subarray(12, 28));
      const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
      return JSON.parse(text.toString('utf8')) as UserTokens;
    } catch (err) {
      // A changed key or a tampered blob: the token is unusable, the person must sign in again.
      throw new BotError('crypto_key_invalid', 'stored token cannot be decrypted', { cause: err });
    }
  }

  async remove(slackUserId: string): Promise<void> {
    await this.kv.del(key(slackUserId));
  }
}
