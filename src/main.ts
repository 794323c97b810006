// Entry point: read the configuration, open the store, start serving, stop cleanly on
// SIGTERM (finish the delivery in hand, leave the rest pending for another replica).
import { createBurndown } from './burndown.ts';
import { loadConfig } from './config.ts';
import { loadLocalEnvFile } from './env-file.ts';
import { BotError } from './errors.ts';
import { loadIdentityMapFile } from './identity/load-map-file.ts';
import { createLogger } from './log.ts';
import { openStore } from './store/open-store.ts';

async function main(): Promise<void> {
  loadLocalEnvFile();
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof BotError && err.code === 'config_invalid') {
      process.stderr.write(`burndown: ${err.message}\nSee .env.example for every key.\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  const kv = await openStore(config, logger);
  const bot = createBurndown({ config, kv, logger, defaultMetrics: true });
  if (config.IDENTITY_MAP_FILE) await loadIdentityMapFile(bot.ctx, config.IDENTITY_MAP_FILE);
  await bot.start();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  const e = err instanceof BotError ? err : undefined;
  const line = {
    level: 'fatal',
    msg: 'burndown failed to start',
    code: e?.code ?? 'unknown',
    err: String(err?.message ?? err),
  };
  process.stderr.write(`${JSON.stringify(line)}\n`);
  process.exit(1);
});
