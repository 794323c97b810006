// `/campaign digest --post` by someone who does not manage the campaign: refused, and the
// digest shown privately instead. Slack takes at most five messages on one response_url (the
// Slack double records them but does not refuse a sixth), so the refusal counts against them.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { CAMPAIGN_CHANNEL, DIGEST_WORKSPACE, storeSnapshots } from '../digest/digest-fixture.ts';
import { type SeedCodeAlert, seedOrg } from '../doubles/github/index.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';

const t = suite<{ h: Harness }>('/campaign digest --post refused', {} as { h: Harness });

/** What Slack accepts on one response_url. */
const RESPONSE_URL_USES = 5;

const REPOS = Array.from({ length: 60 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);

/**
 * A campaign big enough that its private digest has more detail parts than one response_url
 * can carry (900 open alerts, none assigned), managed by octo-lead (Alice); Bob is dev-b.
 */
async function startBigDigest(): Promise<Harness> {
  const h = await startHarness({ workspace: DIGEST_WORKSPACE });
  const alerts: SeedCodeAlert[] = Array.from({ length: 900 }, (_, i) => ({
    repo: REPOS[i % REPOS.length]!,
    number: Math.floor(i / REPOS.length) + 1,
    ruleId: 'js/sql-injection',
    description: 'SQL query built from input',
    securitySeverity: (['critical', 'high', 'medium', 'low'] as const)[i % 4]!,
    createdAt: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
  }));
  seedOrg(h.github, {
    org: ORG,
    users: [{ login: 'octo-lead', role: 'admin', securityManager: true }, 'dev-b'],
    repos: REPOS,
    codeAlerts: alerts,
    campaigns: [
      {
        number: 1,
        name: 'SQL injection',
        managers: ['octo-lead'],
        createdAt: '2026-10-01T09:00:00Z',
        endsAt: '2099-03-01T17:00:00Z',
        codeAlerts: REPOS.map((repo) => ({
          repo,
          numbers: alerts.filter((a) => a.repo === repo).map((a) => a.number),
        })),
      },
    ],
  });
  const ctx = h.bot.ctx;
  const members = Object.values(h.github.state.repos).flatMap((r) =>
    r.codeAlerts.map((a) => ({ repoId: r.repo.id, repo: r.repo.full_name, number: a.number })),
  );
  const campaign: CampaignRecord = {
    id: 'cmp-big',
    number: 1,
    kind: 'code',
    state: 'open',
    name: 'SQL injection',
    description: 'Fix SQL injection',
    endsAt: '2099-03-01T17:00:00Z',
    managers: ['octo-lead'],
    teamManagers: [],
    members,
    channelId: CAMPAIGN_CHANNEL,
    createdAt: '2026-10-01T09:00:00Z',
    updatedAt: '2026-10-01T09:00:00Z',
  };
  await ctx.repos.campaigns.save(campaign);
  await storeSnapshots(ctx, h.github);
  const linkedAt = '2026-11-01T00:00:00Z';
  await ctx.repos.identities.link({
    slackUserId: 'U0BOB',
    githubLogin: 'dev-b',
    source: 'admin',
    linkedAt,
  });
  await ctx.repos.identities.link({
    slackUserId: 'U0ALICE',
    githubLogin: 'octo-lead',
    source: 'admin',
    linkedAt,
  });
  return h;
}

t.before.each(async (ctx) => {
  ctx.h = await startBigDigest();
});

t.after.each(async ({ h }) => {
  try {
    h.github.assertNoViolations();
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

t('a refused --post stays within the five messages of its response_url', async ({ h }) => {
  await h.command('digest 1 --post', { user: 'U0BOB' });
  // The closing note is the last thing sent: after it, nothing more comes.
  await waitFor(
    () => h.slack.responses().some((r) => /the complete lists are/.test(String(r.text))),
    5000,
    'the closing note',
  );
  await new Promise((r) => setTimeout(r, 150));
  const replies = h.slack.responses();
  const texts = replies.map((r) => JSON.stringify(r));
  assert.ok(
    replies.length <= RESPONSE_URL_USES,
    `${replies.length} messages sent on one response_url; Slack takes ${RESPONSE_URL_USES}`,
  );
  assert.match(texts[0] ?? '', 'Only the managers of', 'the refusal comes first');
  assert.match(texts.join(), '% done', 'the digest is shown privately');
  assert.match(texts.at(-1) ?? '', /Showing \d+ of \d+ parts/);
  assert.is(h.slack.messagesIn(CAMPAIGN_CHANNEL).length, 0, 'nothing posted in the channel');
});

t('without --post the digest uses the same five messages, refusal-free', async ({ h }) => {
  await h.command('digest 1', { user: 'U0BOB' });
  await waitFor(
    () => h.slack.responses().some((r) => /the complete lists are/.test(String(r.text))),
    5000,
    'the closing note',
  );
  await new Promise((r) => setTimeout(r, 150));
  const replies = h.slack.responses();
  assert.is(replies.length, RESPONSE_URL_USES);
  assert.not.match(JSON.stringify(replies), 'Only the managers of');
});

t.run();
