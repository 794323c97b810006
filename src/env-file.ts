// A local .env is a convenience for a first run and for `npm run doctor` on the same
// machine; deployments set real environment variables, which a .env never overrides.
import { existsSync } from 'node:fs';

export const ENV_FILE = '.env';

/** Loads ./.env into process.env when present; true when it was read. */
export function loadLocalEnvFile(): boolean {
  if (!existsSync(ENV_FILE)) return false;
  process.loadEnvFile(ENV_FILE);
  return true;
}
