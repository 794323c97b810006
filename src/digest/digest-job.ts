// The scheduled digest: every open campaign, in its own channel. One campaign failing
// (an archived channel, GitHub down) does not stop the others.
import type { AppContext } from '../app-context.ts';
import type { Config } from '../config.ts';
import { asBotError } from '../errors.ts';
import type { Job } from '../jobs/scheduler.ts';
import { postDigest } from './post-digest.ts';

export async function runDigests(ctx: AppContext): Promise<void> {
  const campaigns = (await ctx.repos.campaigns.list()).filter((c) => c.state === 'open');
  for (const campaign of campaigns) {
    try {
      await postDigest(ctx, campaign);
    } catch (err) {
      const e = asBotError(err);
      ctx.logger.error({ err: e, code: e.code, campaign: campaign.id }, 'digest failed');
    }
  }
}

export function digestJob(config: Config): Job {
  return { name: 'digest', cron: config.DIGEST_CRON, lockMs: 10 * 60_000, run: runDigests };
}
