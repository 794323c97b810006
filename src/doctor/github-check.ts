// The doctor's GitHub checks. With App credentials: the installation exists on the
// organization and grants the permissions and events Burndown needs. With a token: the
// token works and can read each kind of data the bot reads.
import type { Config } from '../config.ts';
import { botAuth, createGitHubClient, type GitHubClient } from '../github/client.ts';
import type { Logger } from '../log.ts';
import { webhookHandlers } from '../webhooks/all-handlers.ts';
import { type CheckResult, fail, ok } from './check-result.ts';
import {
  accessCovers,
  GITHUB_PERMISSION_LABELS,
  handledEvents,
  requiredGitHubPermissions,
} from './required-access.ts';

const APP_SETTINGS =
  'GitHub › Organization settings › Developer settings › GitHub Apps › Burndown › ' +
  'Permissions & events (then accept the new permissions under Installed GitHub Apps)';

/** Octokit reports a request that got no answer as status 500 with no response at all. */
function unreachable(err: unknown): boolean {
  const e = err as { status?: number; response?: unknown };
  return e.status === 500 && e.response === undefined;
}

function statusOf(err: unknown): number | undefined {
  return (err as { status?: number }).status;
}

function clientFor(config: Config, logger: Logger): GitHubClient {
  return createGitHubClient({
    baseUrl: config.GITHUB_API_URL,
    logger,
    maxRateLimitRetries: 0,
    ...botAuth(config),
  });
}

async function checkInstallation(config: Config, github: GitHubClient): Promise<CheckResult[]> {
  const name = 'GitHub App installation';
  let installation: { id: number; permissions: Record<string, string>; events: string[] };
  try {
    const res = await github.request('GET /orgs/{org}/installation', { org: config.GITHUB_ORG });
    installation = res.data as typeof installation;
  } catch (err) {
    const status = statusOf(err);
    return [
      fail(
        name,
        status === 404
          ? `the App is not installed on ${config.GITHUB_ORG}`
          : `GitHub refused the App's credentials (HTTP ${status ?? 'error'})`,
        status === 404
          ? `install it: GitHub › the App's page › Install App › ${config.GITHUB_ORG}`
          : 'check GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY (Secret burndown-secrets) against ' +
              'the App settings › General › Private keys',
      ),
    ];
  }
  const results: CheckResult[] = [];
  if (String(installation.id) !== config.GITHUB_APP_INSTALLATION_ID) {
    results.push(
      fail(
        name,
        `GITHUB_APP_INSTALLATION_ID is ${config.GITHUB_APP_INSTALLATION_ID} but the App's ` +
          `installation on ${config.GITHUB_ORG} is ${installation.id}`,
        `set GITHUB_APP_INSTALLATION_ID=${installation.id} (ConfigMap burndown-config)`,
      ),
    );
  } else results.push(ok(name, `installed on ${config.GITHUB_ORG} (id ${installation.id})`));

  const needed = requiredGitHubPermissions(config.AUTOFIX_COMMITS_ENABLED);
  const short = Object.entries(needed)
    .filter(([key, access]) => !accessCovers(installation.permissions?.[key], access))
    .map(([key, access]) => `${GITHUB_PERMISSION_LABELS[key] ?? key}: ${access}`);
  results.push(
    short.length
      ? fail(
          'GitHub App permissions',
          `missing ${short.join('; ')}`,
          `grant them in ${APP_SETTINGS}`,
        )
      : ok('GitHub App permissions', 'every permission Burndown needs is granted'),
  );
  const events = new Set(installation.events ?? []);
  const absent = handledEvents(webhookHandlers).filter((e) => !events.has(e));
  results.push(
    absent.length
      ? fail(
          'GitHub App events',
          `not subscribed to ${absent.join(', ')}`,
          `tick them in ${APP_SETTINGS}`,
        )
      : ok('GitHub App events', 'subscribed to every event Burndown handles'),
  );
  return results;
}

/** One cheap read per kind of data, each standing for the permission it needs. */
const PROBES: { permission: string; route: string; params: Record<string, unknown> }[] = [
  { permission: 'organization_campaigns', route: 'GET /orgs/{org}/campaigns', params: {} },
  { permission: 'security_events', route: 'GET /orgs/{org}/code-scanning/alerts', params: {} },
  {
    permission: 'secret_scanning_alerts',
    route: 'GET /orgs/{org}/secret-scanning/alerts',
    params: { hide_secret: true },
  },
  { permission: 'members', route: 'GET /orgs/{org}/members', params: {} },
];

async function checkToken(config: Config, github: GitHubClient): Promise<CheckResult[]> {
  try {
    const res = await github.request('GET /rate_limit');
    const left = res.data.resources.core.remaining;
    const results = [ok('GitHub token', `accepted; ${left} requests left this hour`)];
    for (const probe of PROBES) {
      const label = GITHUB_PERMISSION_LABELS[probe.permission] ?? probe.permission;
      try {
        await github.request(probe.route, { org: config.GITHUB_ORG, per_page: 1, ...probe.params });
        results.push(ok(`GitHub access: ${label}`, `can read (${probe.route})`));
      } catch (err) {
        results.push(
          fail(
            `GitHub access: ${label}`,
            `${probe.route} answered HTTP ${statusOf(err) ?? 'error'}`,
            `give the token "${label}" access on ${config.GITHUB_ORG} (fine-grained token) or ` +
              'the security_events scope (classic), from an org owner or security manager; ' +
              'better, use a GitHub App (manifests/github-app.json)',
          ),
        );
      }
    }
    return results;
  } catch (err) {
    if (unreachable(err)) {
      return [
        fail(
          'GitHub API',
          `no answer from ${config.GITHUB_API_URL}`,
          'check this host can reach GitHub (proxy, firewall, DNS) and that GITHUB_API_URL is ' +
            'right (GHES: https://HOST/api/v3)',
        ),
      ];
    }
    return [
      fail(
        'GitHub token',
        `GitHub refused it (HTTP ${statusOf(err) ?? 'error'})`,
        'put a valid token in GITHUB_TOKEN (Secret burndown-secrets), or configure the App keys',
      ),
    ];
  }
}

export async function checkGitHub(config: Config, logger: Logger): Promise<CheckResult[]> {
  const github = clientFor(config, logger);
  return config.GITHUB_APP_ID ? checkInstallation(config, github) : checkToken(config, github);
}
