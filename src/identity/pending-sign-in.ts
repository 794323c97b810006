// Sign-ins waiting for the person to enter their code on GitHub. They live in the store, not
// in one replica's memory, so another replica can carry on polling after a restart. The
// device code is a credential until it expires, so it is sealed like a token.
import type { AppContext } from '../app-context.ts';
import type { Kv } from '../store/kv.ts';
import { seal, unseal } from './seal.ts';

export interface PendingSignIn {
  slackUserId: string;
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  /** Epoch ms when GitHub stops accepting the code. */
  expiresAt: number;
  /** Seconds GitHub asks us to wait between polls; grows on `slow_down`. */
  interval: number;
  /** Which poll loop owns this sign-in; a newer loop takes over and the older one stops. */
  owner: string;
  /** Epoch ms of the owner's last poll, so a stalled owner can be replaced. */
  heartbeatAt: number;
}

const key = (slackUserId: string) => `signin:${slackUserId}`;
const INDEX = 'signin:pending';

export class PendingSignIns {
  constructor(
    private readonly kv: Kv,
    private readonly secret: Buffer,
  ) {}

  async save(p: PendingSignIn, nowMs: number): Promise<void> {
    const blob = seal(this.secret, p.slackUserId, JSON.stringify(p));
    // The record disappears on its own when the code expires, whoever was polling.
    const ttlMs = Math.max(1000, p.expiresAt - nowMs);
    await this.kv.set(key(p.slackUserId), blob, { ttlMs });
    await this.kv.sAdd(INDEX, p.slackUserId);
  }

  async get(slackUserId: string): Promise<PendingSignIn | null> {
    const blob = await this.kv.get(key(slackUserId));
    if (!blob) return null;
    try {
      const text = unseal(this.secret, slackUserId, blob);
      return text === null ? null : (JSON.parse(text) as PendingSignIn);
    } catch {
      return null;
    }
  }

  async remove(slackUserId: string): Promise<void> {
    await this.kv.del(key(slackUserId));
    await this.kv.sRem(INDEX, slackUserId);
  }

  /** Every user with a sign-in in progress; forgets those whose record has expired. */
  async users(): Promise<string[]> {
    const ids = await this.kv.sMembers(INDEX);
    const records = await this.kv.mGet(ids.map(key));
    const gone = ids.filter((_, i) => records[i] === null);
    if (gone.length) await this.kv.sRem(INDEX, ...gone);
    return ids.filter((_, i) => records[i] !== null);
  }
}

export function pendingSignIns(ctx: AppContext): PendingSignIns | null {
  const key = ctx.config.TOKEN_ENCRYPTION_KEY;
  return key ? new PendingSignIns(ctx.kv, key) : null;
}
