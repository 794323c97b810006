// The demo's people: each Slack user matches a GitHub account of the seeded organization.
import type { WorkspaceSeed } from '../doubles/slack/index.ts';

export const PEOPLE = [
  { slack: 'U0KIM', login: 'kim-lead', name: 'Kim Sato', role: 'security lead' },
  { slack: 'U0MONA', login: 'mona-sec', name: 'Mona Okafor', role: 'security manager' },
  { slack: 'U0ALEX', login: 'alex-dev', name: 'Alex Romero', role: 'developer' },
  { slack: 'U0PRIYA', login: 'priya-dev', name: 'Priya Nair', role: 'developer' },
  { slack: 'U0JORDAN', login: 'jordan-dev', name: 'Jordan Blake', role: 'developer' },
  { slack: 'U0SAM', login: 'sam-dev', name: 'Sam Lindqvist', role: 'developer' },
] as const;

export const DEMO_WORKSPACE: WorkspaceSeed = {
  team: { id: 'T0ACME', name: 'Acme', domain: 'acme' },
  users: PEOPLE.map((p, i) => ({
    id: p.slack,
    name: p.login,
    real_name: p.name,
    email: `${p.login}@acme.example`,
    tz:
      [
        'Europe/Paris',
        'Africa/Lagos',
        'America/Mexico_City',
        'Asia/Kolkata',
        'America/New_York',
        'Europe/Stockholm',
      ][i] ?? 'UTC',
    is_admin: i === 0,
  })),
  channels: [
    { id: 'C0GENERAL', name: 'general', is_general: true, members: ['*', 'bot'] },
    { id: 'C0SECLEADS', name: 'security-leads', members: ['U0KIM', 'U0MONA', 'bot'] },
  ],
};

/** The admin mapping file the demo starts with (people who never signed in). */
export const DEMO_IDENTITY_MAP = PEOPLE.map((p) => `${p.login}: ${p.slack}`).join('\n');
