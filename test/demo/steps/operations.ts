// The operator's view: the doctor checks the install, then Prometheus scrapes /metrics.
import { runDoctor } from '../../../src/doctor/run-doctor.ts';
import { DEFAULT_SCOPES } from '../../doubles/slack/index.ts';
import { testEnv } from '../../helpers/harness.ts';
import type { TourStep } from '../tour-kit.ts';

export const operatorRunsDoctor: TourStep = {
  title: 'The operator runs `npm run doctor` after a Slack scope was removed',
  async run(t) {
    const env = testEnv(t.h.github, t.h.slack, {
      GITHUB_WEBHOOK_SECRET: 'demo-webhook-secret-0123456789abcdef',
    });
    t.h.slack.setScopes(DEFAULT_SCOPES.filter((s) => s !== 'users:read.email'));
    try {
      const report = await runDoctor(env);
      for (const line of report.text.trimEnd().split('\n')) t.say(line);
      t.say(`(exit code ${report.ok ? 0 : 1})`);
    } finally {
      t.h.slack.setScopes([...DEFAULT_SCOPES]);
    }
  },
};

export const prometheusScrapes: TourStep = {
  title: 'Prometheus scrapes /metrics',
  async run(t) {
    const text = await (await fetch(`${t.h.url}/metrics`)).text();
    const shown = text
      .split('\n')
      .filter((l) => /^burndown_(webhook|queue|dms|api|github|job)/.test(l))
      .filter((l) => !l.endsWith(' 0'));
    for (const line of shown.slice(0, 20)) t.say(line);
  },
};
