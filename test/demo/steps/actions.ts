// Acting on alerts in the tour: a developer assigns an alert to themself and dismisses it
// from a DM, the message updates in place, and the campaign's manager reads the audit trail.
import type { CampaignRecord } from '../../../src/domain/campaign.ts';
import { codeAlertSnapshot } from '../../../src/github/alerts.ts';
import { tokenStore } from '../../../src/identity/authorize.ts';
import { alertPlain } from '../../../src/slack/messages/alert-lines.ts';
import {
  click,
  current,
  modalFor,
  type Posted,
  requestInDm,
  submit,
} from '../../actions/action-kit.ts';
import { type GhCodeAlert, type RepoRecord, simpleUser } from '../../doubles/github/index.ts';
import { codeScanningAlertEvent, dismissalRequestEvent } from '../../fixtures/github-webhooks.ts';
import { waitFor } from '../../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../../helpers/slack-payloads.ts';
import { renderMessage } from '../render.ts';
import type { Tour, TourStep } from '../tour-kit.ts';
import { assignOnGitHub } from './skeleton.ts';

let posted: Posted | undefined;

/** Burndown's record of GitHub campaign #1, as campaign sync would have stored it. */
async function campaignOne(t: Tour): Promise<CampaignRecord> {
  const known = await t.h.bot.ctx.repos.campaigns.getByNumber(1);
  if (known) return known;
  const org = t.h.github.state.orgs[t.h.config.GITHUB_ORG];
  const gh = org?.campaigns.find((c) => c.summary.number === 1);
  if (!gh) throw new Error('demo org has no campaign #1');
  const members = gh.codeAlerts.flatMap((ref) => {
    const repo = Object.values(t.h.github.state.repos).find((r) => r.repo.id === ref.repository_id);
    return ref.alert_numbers.map((number) => ({
      repoId: ref.repository_id,
      repo: repo?.repo.full_name ?? '',
      number,
    }));
  });
  const s = gh.summary as Record<string, unknown>;
  const record: CampaignRecord = {
    id: 'demo-campaign-1',
    number: 1,
    kind: 'code',
    state: 'open',
    name: String(s.name),
    description: String(s.description),
    endsAt: String(s.ends_at),
    managers: (s.managers as { login: string }[]).map((m) => m.login),
    teamManagers: [],
    members,
    createdAt: String(s.created_at),
    updatedAt: String(s.updated_at),
  };
  await t.h.bot.ctx.repos.campaigns.save(record);
  return record;
}

function show(t: Tour, who: string, p: Posted) {
  t.say(`${t.names[who]}'s DM now reads:`);
  console.log(renderMessage(current(t.h, p), t.names));
}

/** An open campaign alert in a repository the person may write to and not yet theirs. */
function openAlertFor(t: Tour, campaign: CampaignRecord, login: string) {
  const repos = t.h.github.state.repos;
  const member = campaign.members.find((m) => {
    const repo = Object.values(repos).find((r) => r.repo.id === m.repoId);
    const alert = repo?.codeAlerts.find((a) => a.number === m.number);
    const mine = alert?.assignees.some((a) => a.login === login);
    return repo?.permissions[login] === 'write' && alert?.state === 'open' && !mine;
  });
  const repo = Object.values(repos).find((r) => r.repo.id === member?.repoId);
  const raw = repo?.codeAlerts.find((a) => a.number === member?.number);
  if (!repo || !raw) throw new Error(`no open campaign alert ${login} can write to`);
  return { repo, alert: codeAlertSnapshot(raw as never, repo.repo) };
}

/** The person is signed in with GitHub, as the identity step left them. */
export async function signedIn(t: Tour, person: { slack: string; login: string }) {
  const ctx = t.h.bot.ctx;
  if ((await ctx.repos.identities.bySlackUser(person.slack))?.source === 'signed-in') return;
  await ctx.repos.identities.link({
    slackUserId: person.slack,
    githubLogin: person.login,
    source: 'signed-in',
    linkedAt: new Date().toISOString(),
  });
  await tokenStore(ctx).put(person.slack, {
    login: person.login,
    accessToken: `tok-${person.login}`,
  });
}

/** The person's DM about `htmlUrl` that still offers "Dismiss…", as a clickable Posted. */
function dmAbout(t: Tour, user: string, htmlUrl: string): Posted {
  const m = t.h.slack.messagesIn(user).find((x) => {
    const shown = JSON.stringify(x.blocks ?? []);
    return shown.includes(htmlUrl) && shown.includes('alert:dismiss');
  });
  const channel = Object.entries(t.h.slack.messages).find(([, ms]) =>
    ms.some((x) => x.ts === m?.ts),
  )?.[0];
  if (!m || !channel) throw new Error(`${user} has no DM with buttons about ${htmlUrl}`);
  return { channel, ts: m.ts, text: m.text, blocks: (m.blocks ?? []) as never };
}

export const actOnAlertFromDm: TourStep = {
  title: 'A developer dismisses the alert right in the DM GitHub’s assignment brought',
  async run(t) {
    const alex = t.person('alex-dev');
    const alert = firstAssigned(t, alex.login);
    posted = dmAbout(t, alex.slack, String(alert.html_url));
    t.say(`${alex.name} clicks “Dismiss…” in that DM, picks “False positive” and adds a comment.`);
    const { triggerId } = await click(t.h, alex.slack, posted, 'alert:dismiss');
    const view = await modalFor(t.h, triggerId);
    await submit(t.h, alex.slack, view, {
      reason: { reason: staticSelectState('false_positive', 'False positive') },
      comment: { comment: plainTextState('The value is a compile-time constant.') },
    });
    await waitFor(() => current(t.h, posted!).edits.length >= 1, 15_000, 'the dismissal');
    const patch = t.h.github.writes().at(-1);
    t.say(`GitHub received, with ${alex.login}'s own token: ${JSON.stringify(patch?.body)}`);
    show(t, alex.slack, posted);
  },
};

/** The open alert GitHub assigned to `login` earlier in the tour. */
function firstAssigned(t: Tour, login: string) {
  for (const repo of Object.values(t.h.github.state.repos)) {
    const a = repo.codeAlerts.find((x) => x.assignees.some((u) => u.login === login));
    if (a) return a;
  }
  throw new Error(`nothing is assigned to ${login} on GitHub`);
}

export const managerReadsAudit: TourStep = {
  title: 'The campaign manager reads the audit trail',
  async run(t) {
    const campaign = await campaignOne(t);
    const manager = campaign.managers[0] ?? 'kim-lead';
    const person = t.person(manager as 'mona-sec');
    await t.command(person.slack, 'audit 1');
  },
};

/** The approval dismisses the alert on GitHub, which says so with closed_by_user. */
async function dismissedByApproval(
  t: Tour,
  repo: RepoRecord,
  raw: GhCodeAlert,
  reviewer: string,
  requester: string,
) {
  t.h.github.advanceTime(1000);
  const at = new Date(t.h.github.now()).toISOString().replace(/\.\d+Z$/, 'Z');
  Object.assign(raw, {
    state: 'dismissed',
    dismissed_reason: "won't fix",
    dismissed_comment: 'This service is retired at the end of the month.',
    dismissed_by: simpleUser(t.h.github.state.users[requester]!),
    dismissed_at: at,
    updated_at: at,
  });
  const payload = codeScanningAlertEvent('closed_by_user', {
    org: t.h.config.GITHUB_ORG,
    repo: { id: repo.repo.id, name: repo.repo.name, full_name: repo.repo.full_name },
    number: raw.number,
    rule: raw.rule as never,
    location: (raw.most_recent_instance as { location: never }).location,
    assignees: raw.assignees.map((u) => u.login),
    dismissed_by: requester,
    dismissed_reason: "won't fix",
    dismissed_comment: 'This service is retired at the end of the month.',
    sender: reviewer,
  });
  const sent = payload.alert as unknown as Record<string, unknown>;
  Object.assign(sent, {
    created_at: raw.created_at,
    updated_at: at,
    dismissed_at: at,
    dismissal_approved_by: simpleUser(t.h.github.state.users[reviewer]!),
  });
  await t.h.deliver('code_scanning_alert', payload);
  await t.h.drain();
}

export const reviewDecidedOnGitHub: TourStep = {
  title: 'A dismissal needs a review: the developer asks from Slack, the lead decides on GitHub',
  async run(t) {
    const alex = t.person('alex-dev');
    const campaign = await campaignOne(t);
    const contact = t.person((campaign.managers[0] ?? 'kim-lead') as 'kim-lead');
    const { repo, alert } = openAlertFor(t, campaign, alex.login);
    const raw = repo.codeAlerts.find((a) => a.number === alert.number)!;
    await assignOnGitHub(t, repo, raw, alex.login);
    t.showDms(alex.slack);
    const dm = dmAbout(t, alex.slack, String(alert.htmlUrl));
    t.say(
      `${repo.repo.full_name} requires a review to dismiss code scanning alerts (delegated ` +
        'dismissal, GitHub Enterprise Cloud), so GitHub refuses a plain dismissal.',
    );
    t.h.github.failNext('code-scanning/update-alert', {
      status: 403,
      message: 'Dismissing this alert requires a review: file a dismissal request instead.',
    });
    t.say(`${alex.name} clicks “Dismiss…” on ${alertPlain(alert)} and picks “Won't fix”.`);
    const { triggerId } = await click(t.h, alex.slack, dm, 'alert:dismiss');
    await submit(t.h, alex.slack, await modalFor(t.h, triggerId), {
      reason: { reason: staticSelectState('wont_fix', "Won't fix") },
      comment: { comment: plainTextState('This service is retired at the end of the month.') },
    });
    const request = await requestInDm(t.h, contact.slack);
    t.showDms(contact.slack);

    const filed = repo.dismissalRequests.at(-1);
    if (!filed) throw new Error('GitHub holds no dismissal request');
    t.say(`${contact.name} opens the request on GitHub's own page and approves it there.`);
    await t.h.deliver(
      'dismissal_request_code_scanning',
      dismissalRequestEvent('response_submitted', {
        org: t.h.config.GITHUB_ORG,
        repo: { id: repo.repo.id, name: repo.repo.name },
        id: Number(filed.id),
        alertNumber: alert.number,
        requester: alex.login,
        reviewer: contact.login,
        status: 'approved',
        reviewerComment: 'Fine until the retirement; tracked in the decommission plan.',
      }),
    );
    await t.h.drain();
    await dismissedByApproval(t, repo, raw, contact.login, alex.login);
    t.say(`The request in ${contact.name}'s DM now reads (the buttons are gone):`);
    console.log(renderMessage(current(t.h, request), t.names));
    t.showDms(alex.slack);
    show(t, alex.slack, dm);
  },
};
