// A campaign named to ping the channel and a person, run through everything that names a
// campaign in Slack: digests, roll-up, reminders, audit export and the commands. Slack
// parses the top-level `text` of a message (its notification) like mrkdwn, so that text must
// be escaped as the blocks are. The scan walks every Slack call of the test, not known
// fields, so a new message or field cannot slip past it.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { runJob } from '../../src/jobs/scheduler.ts';
import { CAMPAIGN_CHANNEL, DIGEST_WORKSPACE, storeSnapshots } from '../digest/digest-fixture.ts';
import { findRepo, seedOrg } from '../doubles/github/index.ts';
import { allTextSentTo, type RecordedCall, type SentText } from '../doubles/slack/index.ts';
import { dismissalRequestEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, ORG, startHarness, waitFor } from '../helpers/harness.ts';

const NAME = 'R&D <!channel> <@U0BOB>';
// The title of web#1, the rule's description on GitHub.
const TITLE = 'Query <!channel> & <@U0BOB> input';
const ESCAPED = 'R&amp;D &lt;!channel&gt; &lt;@U0BOB&gt;';
const LEADS = 'C0LEADS';
// dev-b is someone else in Slack, so nothing the bot says has a reason to mention Bob.
const DEV_SLACK = 'U0CAROL';

interface Ctx {
  h: Harness;
  clock: { now: Date };
}
const t = suite<Ctx>('GitHub text in fallback text', {} as Ctx);

async function seedCampaign(h: Harness): Promise<void> {
  const repos = ['api', 'web'];
  const alerts = [1, 2, 3, 4, 5, 6].map((i) => ({
    repo: repos[i % 2]!,
    number: Math.ceil(i / 2),
    ruleId: 'js/sql-injection',
    description: i === 1 ? TITLE : 'SQL query built from input',
    securitySeverity: 'high' as const,
    state: i === 6 ? ('fixed' as const) : ('open' as const),
    assignees: i % 2 ? ['dev-b'] : [],
    createdAt: `2027-01-0${i}T10:00:00Z`,
  }));
  seedOrg(h.github, {
    org: ORG,
    users: [{ login: 'octo-lead', role: 'admin', securityManager: true }, 'dev-b'],
    repos,
    codeAlerts: alerts,
    campaigns: [
      {
        number: 1,
        name: NAME,
        description: `Fix ${NAME}`,
        managers: ['octo-lead'],
        createdAt: '2027-01-01T09:00:00Z',
        endsAt: '2027-03-01T17:00:00Z',
        codeAlerts: repos.map((repo) => ({
          repo,
          numbers: alerts.filter((a) => a.repo === repo).map((a) => a.number),
        })),
      },
    ],
  });
  const members = Object.values(h.github.state.repos).flatMap((r) =>
    r.codeAlerts.map((a) => ({ repoId: r.repo.id, repo: r.repo.full_name, number: a.number })),
  );
  const base: CampaignRecord = {
    id: 'cmp-rd',
    number: 1,
    kind: 'code',
    state: 'open',
    name: NAME,
    description: `Fix ${NAME}`,
    endsAt: '2027-03-01T17:00:00Z',
    managers: ['octo-lead'],
    teamManagers: [],
    members,
    channelId: CAMPAIGN_CHANNEL,
    createdAt: '2027-01-01T09:00:00Z',
    updatedAt: '2027-01-01T09:00:00Z',
  };
  const { number: _number, channelId: _channel, ...draft } = base;
  await h.bot.ctx.repos.campaigns.save(base);
  await h.bot.ctx.repos.campaigns.save({ ...draft, id: 'cmp-rd-draft', state: 'draft' });
  await storeSnapshots(h.bot.ctx, h.github);
  const link = (slackUserId: string, githubLogin: string) =>
    h.bot.ctx.repos.identities.link({
      slackUserId,
      githubLogin,
      source: 'admin',
      linkedAt: '2027-01-01T00:00:00Z',
    });
  await link('U0ALICE', 'octo-lead');
  await link(DEV_SLACK, 'dev-b');
}

t.before.each(async (ctx) => {
  // Three days before the campaign is due, so the due reminder goes out.
  ctx.clock = { now: new Date('2027-02-26T10:00:00Z') };
  ctx.h = await startHarness({
    workspace: DIGEST_WORKSPACE,
    now: () => ctx.clock.now,
    env: { DUE_REMINDER_DAYS: '3', LEADS_CHANNEL: LEADS },
  });
  await seedCampaign(ctx.h);
});

t.after.each(async ({ h }) => {
  try {
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

const job = (h: Harness, name: string) =>
  runJob(h.bot.ctx, h.bot.jobs.find((j) => j.name === name)!);
const settle = () => new Promise((r) => setTimeout(r, 150));

/** The object a recorded string sits in, found by walking its path through the arguments. */
function parentOf(call: RecordedCall, path: string): unknown {
  let at: unknown = call.args;
  for (const key of path.split('.').slice(0, -1)) {
    at = (at as Record<string, unknown> | undefined)?.[key];
  }
  return at;
}

/**
 * Strings Slack shows exactly as sent, where an entity would show as `&amp;`: plain_text
 * objects (headers, modal titles, buttons), file names and titles, channel topic and purpose.
 */
function shownAsTyped(call: RecordedCall, s: SentText): boolean {
  const key = s.path.split('.').at(-1) ?? '';
  if ((parentOf(call, s.path) as { type?: unknown } | undefined)?.type === 'plain_text') {
    return key === 'text';
  }
  if (call.method.startsWith('files.')) return ['title', 'filename', 'alt_text'].includes(key);
  return ['topic', 'purpose'].includes(key);
}

/** Every string of every call, split into what Slack parses as mrkdwn and what it shows as is. */
function scan(h: Harness) {
  const parsed: SentText[] = [];
  const typed: SentText[] = [];
  for (const call of h.slack.calls) {
    for (const s of allTextSentTo([call])) (shownAsTyped(call, s) ? typed : parsed).push(s);
  }
  return { parsed, typed };
}

const where = (list: SentText[]) => list.map((s) => `${s.method} ${s.path}: ${s.text}`);

function assertNothingPings(h: Harness, least = 50): void {
  const { parsed, typed } = scan(h);
  assert.ok(parsed.length > least, 'the scan read the messages');
  assert.equal(
    where(parsed.filter((s) => /<!channel>|<@U0BOB>/.test(s.text))),
    [],
    'a mention from GitHub text reached Slack unescaped',
  );
  assert.equal(where(parsed.filter((s) => s.text.includes('R&D'))), [], '& left unescaped');
  assert.equal(where(parsed.filter((s) => s.text.includes('&amp;amp;'))), [], 'escaped twice');
  // Headers and file titles show what GitHub says, not entities.
  assert.equal(where(typed.filter((s) => s.text.includes('&amp;'))), [], 'plain text escaped');
}

/** The top-level `text` of each message posted or edited in a conversation. */
function fallbacks(h: Harness, channel: string): string[] {
  return h.slack.calls
    .filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.update')
    .filter((c) => c.args.channel === channel || String(c.response.channel) === channel)
    .map((c) => String(c.args.text ?? ''));
}

t('the digest, roll-up and reminders escape the campaign name in their text', async (ctx) => {
  const { h } = ctx;
  await job(h, 'digest');
  const post = await h.command('digest 1 --post', { user: 'U0ALICE' });
  assert.match(JSON.stringify(post.responses), 'Updated today’s digest');
  await job(h, 'rollup');
  await job(h, 'rollup');
  await job(h, 'due-reminders');
  ctx.clock.now = new Date('2027-03-02T10:00:00Z');
  await job(h, 'due-reminders');
  assertNothingPings(h);

  const digest = fallbacks(h, CAMPAIGN_CHANNEL);
  assert.ok(
    digest.some((text) => text.startsWith(`Digest for ${ESCAPED}: `)),
    'digest text',
  );
  assert.ok(
    digest.some((text) => text.includes(`Digest details for ${ESCAPED}`)),
    'thread',
  );
  assert.ok(
    digest.some((text) => text.startsWith(`${ESCAPED} is due on 2027-03-01`)),
    'due',
  );
  const rollup = fallbacks(h, LEADS);
  assert.is(rollup.length, 2, 'roll-up posted, then edited');
  for (const text of rollup) assert.match(text, `${ESCAPED}: `);
  assert.match(fallbacks(h, DEV_SLACK).join('\n'), `${ESCAPED} is due on`);
  assert.match(fallbacks(h, 'U0ALICE').join('\n'), `${ESCAPED} passed its due date`);
  const header = JSON.stringify(h.slack.messagesIn(CAMPAIGN_CHANNEL)[0]?.blocks);
  assert.match(header, `Digest: ${NAME}`);
});

t('list, digest and audit replies and the audit export escape the name', async ({ h }) => {
  const replies = async (text: string, user = 'U0ALICE') => {
    const { responses } = await h.command(text, { user });
    await settle();
    return responses.map((r) => String(r.text ?? ''));
  };
  const list = await replies('list');
  const digest = await replies('digest 1');
  const refused = await replies('audit 1', 'U0BOB');
  const audit = await replies('audit 1');
  const exported = await replies('audit 1 csv');
  await replies('digest 1 --post', 'U0BOB');
  await replies('show 1');
  assertNothingPings(h);

  assert.match(list[0] ?? '', `#1 ${ESCAPED} (open), due 2027-03-01`);
  assert.match(list[0] ?? '', `${ESCAPED} (draft)`);
  assert.ok(
    digest.some((text) => text.startsWith(`Digest for ${ESCAPED}: `)),
    'private digest',
  );
  assert.match(refused[0] ?? '', `managers of ${ESCAPED}`);
  assert.match(audit[0] ?? '', `Audit trail of ${ESCAPED}: 0 entries.`);
  assert.match(exported[0] ?? '', `audit trail of ${ESCAPED}`);
  const upload = h.slack.callsTo('files.completeUploadExternal').at(-1);
  assert.is(upload?.args.initial_comment, `Audit trail of ${ESCAPED}: 0 entries.`);
});

t('a dismissal request and its decision on GitHub escape the alert title', async ({ h }) => {
  const web = findRepo(h.github.state, ORG, 'web')!;
  const request = {
    org: ORG,
    repo: { id: web.repo.id, name: 'web' },
    id: 901,
    alertNumber: 1,
    requester: 'dev-b',
    requesterComment: 'Safe <!channel>',
  };
  const event = 'dismissal_request_code_scanning';
  await h.deliver(event, dismissalRequestEvent('created', request));
  await h.drain();
  await h.deliver(
    event,
    dismissalRequestEvent('response_submitted', {
      ...request,
      reviewer: 'octo-lead',
      reviewerComment: 'Fine <@U0BOB> & done',
    }),
  );
  await h.drain();
  await waitFor(() => fallbacks(h, DEV_SLACK).length > 0, 3000, 'the requester’s notice');
  assertNothingPings(h, 5);

  const [asked] = fallbacks(h, 'U0ALICE');
  assert.match(asked ?? '', 'Query &lt;!channel&gt; &amp; &lt;@U0BOB&gt; input');
  assert.match(fallbacks(h, DEV_SLACK)[0] ?? '', 'Fine &lt;@U0BOB&gt; &amp; done');
});

t.run();
