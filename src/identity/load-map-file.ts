// Applies IDENTITY_MAP_FILE at start-up as admin links. A signed-in link is stronger and is
// never replaced by the file.
import type { AppContext } from '../app-context.ts';
import { readIdentityMap } from './map-file.ts';

export async function loadIdentityMapFile(ctx: AppContext, path: string): Promise<number> {
  const entries = await readIdentityMap(path);
  let applied = 0;
  for (const e of entries) {
    const stored = await ctx.repos.identities.link({
      ...e,
      source: 'admin',
      linkedAt: ctx.now().toISOString(),
      linkedBy: 'IDENTITY_MAP_FILE',
    });
    if (stored) applied++;
  }
  ctx.logger.info({ entries: entries.length, applied }, 'identity map file loaded');
  return applied;
}
