// Everything a handler needs, built once at start-up and passed down. No module reaches for
// globals or the environment, so tests build a context around doubles.
import type { WebClient } from '@slack/web-api';
import type { Config } from './config.ts';
import type { GitHubClient } from './github/client.ts';
import { IdentityRepo } from './identity/identity-repo.ts';
import type { Logger } from './log.ts';
import type { Metrics } from './server/metrics.ts';
import { AlertStateRepo } from './store/alert-state-repo.ts';
import { CampaignRepo } from './store/campaign-repo.ts';
import type { Kv } from './store/kv.ts';
import { MessageRefs } from './store/message-refs.ts';

export interface Repos {
  campaigns: CampaignRepo;
  alerts: AlertStateRepo;
  identities: IdentityRepo;
  messages: MessageRefs;
}

export interface AppContext {
  config: Config;
  logger: Logger;
  kv: Kv;
  metrics: Metrics;
  repos: Repos;
  /** The bot's own GitHub client (App installation or token): reads, never a person's writes. */
  github: GitHubClient;
  /** A client acting as one person, with that person's own token. */
  githubAs(token: string): GitHubClient;
  slack: WebClient;
  /** Current time; tests move it. */
  now(): Date;
  /** Waits (device-flow polling); tests replace it so no test waits real seconds. */
  sleep?: (ms: number) => Promise<void>;
}

export function createRepos(kv: Kv): Repos {
  return {
    campaigns: new CampaignRepo(kv),
    alerts: new AlertStateRepo(kv),
    identities: new IdentityRepo(kv),
    messages: new MessageRefs(kv),
  };
}
