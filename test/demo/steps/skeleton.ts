// First steps of the tour: list campaigns, a typo, and an assignment DM from a webhook.
import type { GhCodeAlert, RepoRecord } from '../../doubles/github/index.ts';
import { codeScanningAlertEvent } from '../../fixtures/github-webhooks.ts';
import type { Tour, TourStep } from '../tour-kit.ts';

/**
 * Someone assigns `alert` to `login` on GitHub's pages: the double's alert changes and GitHub
 * sends updated_assignment, which Burndown answers and handles.
 */
export async function assignOnGitHub(
  t: Tour,
  repo: RepoRecord,
  alert: GhCodeAlert,
  login: string,
  sender = 'kim-lead',
): Promise<number> {
  t.h.github.advanceTime(60_000);
  alert.assignees = [t.h.github.state.users[login]!];
  alert.updated_at = new Date(t.h.github.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  type Rule = { id: string; description: string; tags: string[] };
  const rule = alert.rule as unknown as Rule & {
    security_severity_level: 'critical' | 'high' | null;
  };
  const instance = alert.most_recent_instance as {
    location?: { path: string; start_line: number };
  };
  const loc = instance.location;
  const payload = codeScanningAlertEvent('updated_assignment', {
    org: t.h.config.GITHUB_ORG,
    repo: { id: repo.repo.id, name: repo.repo.name, full_name: repo.repo.full_name },
    number: alert.number,
    rule: {
      id: rule.id,
      description: rule.description,
      security_severity_level: rule.security_severity_level,
      tags: rule.tags,
    },
    location: { path: loc?.path ?? 'unknown', start_line: loc?.start_line ?? 1 },
    assignees: [login],
    sender,
  });
  // The delivery describes the alert as GitHub has it now, not as the fixture's example.
  const sent = payload.alert as unknown as Record<string, unknown>;
  sent.updated_at = alert.updated_at;
  sent.created_at = alert.created_at;
  t.say(
    `GitHub sends code_scanning_alert.updated_assignment for ${repo.repo.full_name}#${alert.number}`,
  );
  const res = await t.h.deliver('code_scanning_alert', payload);
  await t.h.drain();
  return res.status;
}

export const listCampaigns: TourStep = {
  title: 'A security lead lists the campaigns',
  async run(t) {
    await t.command(t.person('kim-lead').slack, 'list');
  },
};

export const typoGetsUsage: TourStep = {
  title: 'A typo gets usage, privately',
  async run(t) {
    await t.command(t.person('alex-dev').slack, 'lsit');
  },
};

export const assignmentDm: TourStep = {
  title: 'GitHub assigns an alert; the developer gets one DM',
  async run(t) {
    const repo = Object.values(t.h.github.state.repos).find((r) => r.codeAlerts.length > 0);
    const alert = repo?.codeAlerts.find((a) => a.state === 'open');
    if (!repo || !alert) throw new Error('demo org has no open code scanning alert');
    const alex = t.person('alex-dev');
    const status = await assignOnGitHub(t, repo, alert, alex.login);
    t.say(`Burndown answers GitHub ${status} and queues the delivery.`);
    t.showDms(alex.slack);
  },
};
