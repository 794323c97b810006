// Shared setup for the GitHub double's own tests: a small seeded org and Octokit clients.
import { Octokit } from '@octokit/rest';
import { type GitHubDouble, seedOrg, startGitHubDouble } from './index.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
export const ORG = 'octo-org';

export function client(double: GitHubDouble, auth: string): Octokit {
  return new Octokit({ baseUrl: double.url, auth, log: quiet });
}

export async function world() {
  const double = await startGitHubDouble();
  seedOrg(double, {
    org: ORG,
    repos: ['api', 'web'],
    users: [
      { login: 'sec-lead', role: 'admin' },
      { login: 'dev', repos: { api: 'write', web: 'read' } },
      { login: 'reader', repos: { api: 'read' } },
    ],
    codeAlerts: Array.from({ length: 75 }, (_, i) => ({
      repo: i < 60 ? 'api' : 'web',
      number: i < 60 ? i + 1 : i - 59,
      ruleId: 'js/sql-injection',
      cwe: '089',
      securitySeverity: 'high' as const,
      path: 'src/db.js',
    })),
    secretAlerts: [
      { repo: 'api', number: 1, secretType: 'npm_access_token', secret: 'npm_FAKE123' },
    ],
    installationId: 77,
  });
  return { double, admin: client(double, 'tok-sec-lead'), dev: client(double, 'tok-dev') };
}

export type UpdateParams = Parameters<Octokit['rest']['codeScanning']['updateAlert']>[0];

// Octokit's generated types demand `state` on every alert update, although the spec's anyOf
// accepts `assignees` alone; this widens an assignee-only update past that.
export function assignOnly(params: Record<string, unknown>): UpdateParams {
  return params as unknown as UpdateParams;
}

export async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}
