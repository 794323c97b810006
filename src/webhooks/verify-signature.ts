// GitHub signs each delivery with HMAC-SHA256 of the raw body. We compare in constant time
// and only over the exact bytes received: a re-serialised body would not match.
import { createHmac, timingSafeEqual } from 'node:crypto';

export function verifyGitHubSignature(secret: string, body: Buffer, header: string | undefined) {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
