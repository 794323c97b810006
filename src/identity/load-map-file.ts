// Applies IDENTITY_MAP_FILE at start-up: people as admin links, teams as user-group mappings.
// A signed-in link is stronger and is never replaced by the file.
import type { AppContext } from '../app-context.ts';
import { readMappingFile } from './map-file.ts';
import { teamMap } from './team-map.ts';

export async function loadIdentityMapFile(ctx: AppContext, path: string): Promise<number> {
  const { people, teams } = await readMappingFile(path);
  const linkedAt = ctx.now().toISOString();
  let applied = 0;
  for (const e of people) {
    const stored = await ctx.repos.identities.link({
      ...e,
      source: 'admin',
      linkedAt,
      linkedBy: 'IDENTITY_MAP_FILE',
    });
    if (stored) applied++;
  }
  for (const t of teams) {
    await teamMap(ctx).set({ ...t, linkedAt, linkedBy: 'IDENTITY_MAP_FILE' });
  }
  ctx.logger.info(
    { entries: people.length, applied, teams: teams.length },
    'identity map file loaded',
  );
  return applied;
}
