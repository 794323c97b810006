// The real bot, started the way main.ts starts it (Redis store, real GitHub pacing), for the
// bench to load from another process. Logs go to /dev/null at the production level so their
// cost is counted without flooding the terminal; BENCH_BOT_LOG=file keeps them to read.
import { createWriteStream } from 'node:fs';
import { createBurndown } from '../src/burndown.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/log.ts';
import { openStore } from '../src/store/open-store.ts';

const input = JSON.parse(process.argv[2] ?? '{}') as { env: Record<string, string> };
const config = loadConfig(input.env);
const logger = createLogger({
  level: config.LOG_LEVEL,
  destination: createWriteStream(process.env.BENCH_BOT_LOG ?? '/dev/null'),
});
const kv = await openStore(config, logger);
const bot = createBurndown({ config, kv, logger, schedule: false, consumer: 'bench-bot' });
const port = await bot.start(0);

const rss = () => process.memoryUsage().rss;
process.send?.({ type: 'ready', port, rss: rss() });
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'rss') process.send?.({ type: 'rss', rss: rss() });
  if (m?.type === 'stop') {
    void bot.stop().finally(() => process.exit(0));
  }
});
