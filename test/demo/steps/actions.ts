// Acting on alerts in the tour: a developer assigns an alert to themself and dismisses it
// from a DM, the message updates in place, and the campaign's manager reads the audit trail.
import type { CampaignRecord } from '../../../src/domain/campaign.ts';
import { codeAlertSnapshot } from '../../../src/github/alerts.ts';
import { tokenStore } from '../../../src/identity/authorize.ts';
import { alertActions } from '../../../src/slack/messages/alert-actions.ts';
import { alertLine, alertPlain } from '../../../src/slack/messages/alert-lines.ts';
import { click, current, modalFor, type Posted, submit } from '../../actions/action-kit.ts';
import { waitFor } from '../../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../../helpers/slack-payloads.ts';
import { renderMessage } from '../render.ts';
import type { Tour, TourStep } from '../tour-kit.ts';

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

export const actOnAlertFromDm: TourStep = {
  title: 'A developer assigns an alert to themself and dismisses it, right in the DM',
  async run(t) {
    const alex = t.person('alex-dev');
    const campaign = await campaignOne(t);
    const repos = t.h.github.state.repos;
    const member = campaign.members.find((m) => {
      const repo = Object.values(repos).find((r) => r.repo.id === m.repoId);
      const alert = repo?.codeAlerts.find((a) => a.number === m.number);
      const mine = alert?.assignees.some((a) => a.login === alex.login);
      return repo?.permissions[alex.login] === 'write' && alert?.state === 'open' && !mine;
    });
    const repo = Object.values(repos).find((r) => r.repo.id === member?.repoId);
    const raw = repo?.codeAlerts.find((a) => a.number === member?.number);
    if (!repo || !raw) throw new Error('no open campaign alert Alex can write to');
    const ctx = t.h.bot.ctx;
    if ((await ctx.repos.identities.bySlackUser(alex.slack))?.source !== 'signed-in') {
      const linkedAt = new Date().toISOString();
      await ctx.repos.identities.link({
        slackUserId: alex.slack,
        githubLogin: alex.login,
        source: 'signed-in',
        linkedAt,
      });
      await tokenStore(ctx).put(alex.slack, {
        login: alex.login,
        accessToken: `tok-${alex.login}`,
      });
    }

    const alert = codeAlertSnapshot(raw as never, repo.repo);
    const text = `Campaign alert: ${alertPlain(alert)}`;
    const blocks = [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `*${campaign.name}*\n${alertLine(alert)}` },
      },
      alertActions(alert, alex.login) as unknown as Record<string, unknown>,
    ];
    const res = await ctx.slack.chat.postMessage({
      channel: alex.slack,
      text,
      blocks: blocks as never,
    });
    posted = { channel: String(res.channel), ts: String(res.ts), text, blocks };
    t.say(`Burndown shows ${alex.name} an open alert of the campaign, with its buttons.`);
    t.showDms(alex.slack);

    t.say(`${alex.name} clicks “Assign to me”.`);
    await click(t.h, alex.slack, posted, 'alert:assign_me');
    await waitFor(() => current(t.h, posted!).edits.length === 1, 5000, 'the assignment');
    show(t, alex.slack, posted);

    t.say(`${alex.name} clicks “Dismiss…”, picks “False positive” and adds a comment.`);
    const { triggerId } = await click(t.h, alex.slack, posted, 'alert:dismiss');
    const view = await modalFor(t.h, triggerId);
    await submit(t.h, alex.slack, view, {
      reason: { reason: staticSelectState('false_positive', 'False positive') },
      comment: { comment: plainTextState('The value is a compile-time constant.') },
    });
    await waitFor(() => current(t.h, posted!).edits.length === 2, 5000, 'the dismissal');
    const patch = t.h.github.writes().at(-1);
    t.say(`GitHub received, with ${alex.login}'s own token: ${JSON.stringify(patch?.body)}`);
    show(t, alex.slack, posted);
  },
};

export const managerReadsAudit: TourStep = {
  title: 'The campaign manager reads the audit trail',
  async run(t) {
    const campaign = await campaignOne(t);
    const manager = campaign.managers[0] ?? 'kim-lead';
    const person = t.person(manager as 'mona-sec');
    await t.command(person.slack, 'audit 1');
  },
};
