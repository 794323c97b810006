// First steps of the tour: list campaigns, a typo, and an assignment DM from a webhook.
import { codeScanningAlertEvent } from '../../fixtures/github-webhooks.ts';
import type { TourStep } from '../tour-kit.ts';

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
    const org = t.h.config.GITHUB_ORG;
    const repo = Object.values(t.h.github.state.repos).find((r) => r.codeAlerts.length > 0);
    const alert = repo?.codeAlerts.find((a) => a.state === 'open');
    if (!repo || !alert) throw new Error('demo org has no open code scanning alert');
    const alex = t.person('alex-dev');
    alert.assignees = [t.h.github.state.users[alex.login]!];
    type Rule = { id: string; description: string; tags: string[] };
    const rule = alert.rule as unknown as Rule & {
      security_severity_level: 'critical' | 'high' | null;
    };
    const instance = alert.most_recent_instance as {
      location?: { path: string; start_line: number };
    };
    const loc = instance.location;
    const payload = codeScanningAlertEvent('updated_assignment', {
      org,
      repo: { id: repo.repo.id, name: repo.repo.name, full_name: repo.repo.full_name },
      number: alert.number,
      rule: {
        id: rule.id,
        description: rule.description,
        security_severity_level: rule.security_severity_level,
        tags: rule.tags,
      },
      location: { path: loc?.path ?? 'unknown', start_line: loc?.start_line ?? 1 },
      assignees: [alex.login],
      sender: 'kim-lead',
    });
    t.say(
      `GitHub sends code_scanning_alert.updated_assignment for ${repo.repo.full_name}#${alert.number}`,
    );
    const res = await t.h.deliver('code_scanning_alert', payload);
    t.say(`Burndown answers GitHub ${res.status} and queues the delivery.`);
    await t.h.drain();
    t.showDms(alex.slack);
  },
};
