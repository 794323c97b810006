// AES-256-GCM sealing for secrets kept in the store (user tokens, pending device codes).
// The caller binds each blob to its owner as associated data, so a blob copied under another
// key does not open, and a Redis dump holds nothing usable without the key.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { BotError } from '../errors.ts';

const VERSION = 'v1:';

export function seal(key: Buffer, owner: string, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(owner));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return `${VERSION}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

/** The sealed text, or null for a blob of an unknown format; throws when it will not open. */
export function unseal(key: Buffer, owner: string, blob: string): string | null {
  if (!blob.startsWith(VERSION)) return null;
  const raw = Buffer.from(blob.slice(VERSION.length), 'base64');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch (err) {
    // A changed key or a tampered blob: the secret is unusable, the person must sign in again.
    throw new BotError('crypto_key_invalid', 'stored secret cannot be decrypted', { cause: err });
  }
}
