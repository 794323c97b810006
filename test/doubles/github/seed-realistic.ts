// seedRealisticOrg: a believable organization for the offline demo. Everything is derived
// from a seeded PRNG, so the same seed always produces the same alerts, people and dates.
import { CODEQL_RULES, SECRET_TYPES } from './codeql-catalog.ts';
import { iso } from './handler-types.ts';
import {
  type SeedCampaign,
  type SeedCodeAlert,
  type SeededOrg,
  type SeedSecretAlert,
  type SeedUser,
  seedOrg,
} from './seed.ts';
import type { GitHubDouble } from './server.ts';

export interface RealisticOptions {
  seed?: number;
  org?: string;
  installationId?: number;
}

// mulberry32: tiny, fast and good enough for picking demo data.
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REPOS: Array<{ name: string; language: string; description: string; alerts: number }> = [
  { name: 'payments-api', language: 'java', description: 'Card and ledger API', alerts: 38 },
  { name: 'web-storefront', language: 'javascript', description: 'Customer web shop', alerts: 45 },
  { name: 'checkout-service', language: 'go', description: 'Cart and checkout', alerts: 24 },
  { name: 'identity-gateway', language: 'go', description: 'SSO and session edge', alerts: 16 },
  { name: 'data-pipeline', language: 'python', description: 'Nightly ETL jobs', alerts: 30 },
  {
    name: 'ml-recommender',
    language: 'python',
    description: 'Product recommendations',
    alerts: 18,
  },
  {
    name: 'mobile-bff',
    language: 'javascript',
    description: 'Backend for the mobile apps',
    alerts: 27,
  },
  { name: 'admin-portal', language: 'javascript', description: 'Back-office portal', alerts: 33 },
  {
    name: 'inventory-service',
    language: 'java',
    description: 'Stock levels and reservations',
    alerts: 21,
  },
  {
    name: 'notifications-worker',
    language: 'python',
    description: 'Email and push fan-out',
    alerts: 12,
  },
  { name: 'billing-reports', language: 'python', description: 'Finance exports', alerts: 14 },
  { name: 'docs-site', language: 'javascript', description: 'Developer documentation', alerts: 6 },
];

const PEOPLE: SeedUser[] = [
  { login: 'kim-lead', name: 'Kim Sato', role: 'admin' },
  { login: 'mona-sec', name: 'Mona Okafor', securityManager: true },
  { login: 'alex-dev', name: 'Alex Romero' },
  { login: 'priya-dev', name: 'Priya Nair' },
  { login: 'jordan-dev', name: 'Jordan Blake' },
  { login: 'sam-dev', name: 'Sam Lindqvist' },
];

const DEVELOPERS = ['alex-dev', 'priya-dev', 'jordan-dev', 'sam-dev'];

export function seedRealisticOrg(double: GitHubDouble, options: RealisticOptions = {}): SeededOrg {
  const random = prng(options.seed ?? 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const org = options.org ?? 'acme-corp';
  // Alerts date from the last 120 days before a fixed day, so demos do not drift over time.
  const epoch = Date.parse('2026-11-30T12:00:00Z');
  const pastDate = () => iso(epoch - Math.floor(random() * 120 * 86_400_000));

  // Each developer writes to about half of the repositories and reads the rest.
  const people = PEOPLE.map((p) => ({ ...p }));
  for (const person of people) {
    if (!DEVELOPERS.includes(person.login)) continue;
    person.repos = Object.fromEntries(
      REPOS.map((r) => [r.name, random() < 0.5 ? ('write' as const) : ('read' as const)]),
    );
  }
  const writers = (repo: string) =>
    people.filter((p) => p.repos?.[repo] === 'write').map((p) => p.login);

  const codeAlerts: SeedCodeAlert[] = [];
  for (const repo of REPOS) {
    const rules = CODEQL_RULES[repo.language] ?? [];
    const assignable = writers(repo.name);
    for (let n = 1; n <= repo.alerts; n++) {
      const rule = pick(rules);
      const roll = random();
      const state = roll < 0.72 ? 'open' : roll < 0.88 ? 'fixed' : 'dismissed';
      const assignees =
        state === 'open' && assignable.length > 0 && random() < 0.25 ? [pick(assignable)] : [];
      codeAlerts.push({
        repo: repo.name,
        number: n,
        ruleId: rule.id,
        ruleName: rule.id.split('/')[1] ?? rule.id,
        description: rule.name,
        severity: rule.severity,
        securitySeverity: rule.securitySeverity,
        cwe: rule.cwes,
        ...(rule.cwes.length === 0 ? { tags: ['maintainability'] } : {}),
        path: pick(rule.paths),
        line: 5 + Math.floor(random() * 400),
        state,
        assignees,
        createdAt: pastDate(),
        ...(state === 'dismissed'
          ? {
              dismissedBy: 'mona-sec',
              dismissedReason: pick(["won't fix", 'false positive', 'used in tests'] as const),
            }
          : {}),
      });
    }
  }

  const secretAlerts: SeedSecretAlert[] = [];
  const counters: Record<string, number> = {};
  for (let i = 0; i < 42; i++) {
    const repo = pick(REPOS).name;
    const type = pick(SECRET_TYPES);
    const number = (counters[repo] ?? 0) + 1;
    counters[repo] = number;
    const resolved = random() < 0.3;
    const filler = Array.from({ length: 28 }, () =>
      pick('ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split('')),
    ).join('');
    secretAlerts.push({
      repo,
      number,
      secretType: type.secretType,
      displayName: type.displayName,
      provider: type.provider,
      providerSlug: type.providerSlug,
      secret: `${type.prefix}FAKE${filler}`,
      path: type.path,
      state: resolved ? 'resolved' : 'open',
      ...(resolved
        ? { resolution: pick(['revoked', 'false_positive', 'used_in_tests'] as const) }
        : {}),
      validity: pick(['active', 'inactive', 'unknown'] as const),
      createdAt: pastDate(),
    });
  }

  const critical = codeAlerts.filter(
    (a) => a.securitySeverity === 'critical' && a.state === 'open',
  );
  const byRepo = new Map<string, number[]>();
  for (const alert of critical.slice(0, 25)) {
    byRepo.set(alert.repo, [...(byRepo.get(alert.repo) ?? []), alert.number]);
  }
  const campaigns: SeedCampaign[] = [
    {
      number: 1,
      name: 'Critical CodeQL alerts',
      description: 'Fix every open critical alert before the December freeze.',
      managers: ['mona-sec'],
      createdAt: '2026-11-02T09:00:00Z',
      endsAt: '2027-01-15T17:00:00Z',
      codeAlerts: [...byRepo].map(([repo, numbers]) => ({ repo, numbers })),
    },
    {
      number: 2,
      name: 'XSS cleanup (CWE-79)',
      description: 'Cross-site scripting in the customer-facing web apps.',
      managers: ['mona-sec'],
      state: 'closed',
      createdAt: '2026-08-01T09:00:00Z',
      endsAt: '2026-09-30T17:00:00Z',
    },
  ];

  return seedOrg(double, {
    org,
    users: people,
    repos: REPOS.map((r) => ({ name: r.name, language: r.language, description: r.description })),
    teams: [
      { slug: 'security', name: 'Security', maintainers: ['mona-sec'], members: ['kim-lead'] },
      { slug: 'platform', name: 'Platform', members: DEVELOPERS },
    ],
    codeAlerts,
    secretAlerts,
    campaigns,
    installationId: options.installationId ?? 31337,
  });
}
