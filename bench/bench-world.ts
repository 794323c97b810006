// What every bench section runs against: the GitHub and Slack doubles in this process, a
// real Redis under a key prefix of its own, and the real bot in a child process.
import { randomUUID } from 'node:crypto';
import { RedisKv } from '../src/store/redis-kv.ts';
import { type GitHubDouble, startGitHubDouble } from '../test/doubles/github/index.ts';
import { type SlackDouble, startSlackDouble } from '../test/doubles/slack/index.ts';
import {
  BOT_GITHUB_TOKEN,
  INSTALLATION_ID,
  ORG,
  testEnv,
  WEBHOOK_SECRET,
} from '../test/helpers/harness.ts';
import { buildBot } from './build-bot.ts';
import { type BenchChild, startChild } from './child-process.ts';

export const BENCH_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface BenchWorld {
  github: GitHubDouble;
  slack: SlackDouble;
  /** The bot's store, seen from here, for seeding what the bot reads. */
  kv: RedisKv;
  prefix: string;
  bot: BenchChild;
  botUrl: string;
  secret: string;
  rss(): Promise<number>;
  close(): Promise<void>;
}

/** Deletes every key under a prefix: bench data never outlives its run. */
export async function dropPrefix(kv: RedisKv): Promise<void> {
  const keys = await kv.scanKeys('*');
  for (let i = 0; i < keys.length; i += 1000) await kv.del(...keys.slice(i, i + 1000));
}

export async function startBenchWorld(): Promise<BenchWorld> {
  const github = await startGitHubDouble({ validateResponses: false });
  const slack = await startSlackDouble({ workspace: {} });
  github.state.installations[INSTALLATION_ID] = { id: INSTALLATION_ID, org: ORG };
  github.state.tokens[BOT_GITHUB_TOKEN] = {
    login: 'burndown[bot]',
    kind: 'installation',
    installationId: INSTALLATION_ID,
  };
  const prefix = `burndown-bench:${randomUUID().slice(0, 8)}:`;
  const kv = await RedisKv.connect({ url: BENCH_REDIS_URL, prefix });
  const env = testEnv(github, slack, {
    REDIS_URL: BENCH_REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'info',
  });
  const [botScript] = buildBot(['bot-server.ts']);
  const bot = await startChild(botScript!, { env });
  const botUrl = `http://127.0.0.1:${bot.ready.port}`;
  return {
    github,
    slack,
    kv,
    prefix,
    bot,
    botUrl,
    secret: WEBHOOK_SECRET,
    async rss() {
      return Number((await bot.ask({ type: 'rss' }, 'rss')).rss);
    },
    async close() {
      await bot.stop();
      await dropPrefix(kv);
      await kv.close();
      await github.close();
      await slack.close();
    },
  };
}
