// `/campaign list [open|closed|all|drafts]`: the organization's campaigns from GitHub, open
// ones first, each with its due date, managers and progress, plus Burndown's drafts.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../../app-context.ts';
import { percentDone, totalOf } from '../../digest/alert-totals.ts';
import { campaignUrl, type GitHubCampaign, listCampaigns } from '../../github/campaigns.ts';
import { explainGitHubError } from '../../github/explain-error.ts';
import type { SlackMessage } from '../messages/assignment-dm.ts';
import { progressBar } from '../messages/progress.ts';
import { link, safeText } from '../mrkdwn.ts';
import type { Subcommand } from './subcommand.ts';

// Slack allows 50 blocks: a header, one section per campaign and a footer.
const MAX_SHOWN = 40;
const FILTERS = ['open', 'closed', 'all', 'drafts'] as const;
type Filter = (typeof FILTERS)[number];

/** A GitHub login as a Slack mention when we know the person, else the login in plain text. */
export async function personLabel(ctx: AppContext, login: string): Promise<string> {
  const link = await ctx.repos.identities.byGitHubLogin(login);
  return link ? `<@${link.slackUserId}>` : safeText(login, 40);
}

function dueText(c: GitHubCampaign, now: Date): string {
  const days = Math.ceil((Date.parse(c.endsAt) - now.getTime()) / 86_400_000);
  const date = c.endsAt.slice(0, 10);
  if (c.state === 'closed') return `was due ${date}`;
  if (days < 0) return `due ${date} (*${-days} days overdue*)`;
  if (days === 0) return `due ${date} (today)`;
  return `due ${date} (${days} days left)`;
}

async function campaignSection(ctx: AppContext, c: GitHubCampaign): Promise<KnownBlock> {
  const url = campaignUrl(ctx.config.GITHUB_WEB_URL, ctx.config.GITHUB_ORG, c.number);
  const managers = await Promise.all(c.managers.map((m) => personLabel(ctx, m)));
  const teams = c.teamManagers.map((t) => `@${safeText(t, 40)}`);
  const who = [...managers, ...teams].join(', ') || '_no manager_';
  const s = c.stats;
  // In progress counts apart from open, as GitHub reports it: the share matches the card's
  // and the digest's for the same campaign.
  const total = s ? totalOf(s) : 0;
  const progress = s
    ? `${progressBar(s.closed, total)} ${percentDone(s)}% · ${s.closed}/${total} closed` +
      ` · ${s.open} open${s.inProgress ? ` · ${s.inProgress} in progress` : ''}`
    : '_progress not reported by GitHub_';
  const state = c.state === 'closed' ? ' · :lock: closed' : '';
  const text =
    `*${link(url, c.name, 80)}* #${c.number}${state}\n` +
    `${progress}\n${dueText(c, ctx.now())} · managed by ${who}`;
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

async function listMessage(ctx: AppContext, filter: Filter): Promise<SlackMessage> {
  const blocks: KnownBlock[] = [];
  const lines: string[] = [];
  let campaigns: GitHubCampaign[] = [];
  if (filter !== 'drafts') {
    try {
      campaigns = await listCampaigns(ctx.github, ctx.config.GITHUB_ORG, {
        ...(filter === 'all' ? {} : { state: filter }),
        withStats: true,
      });
    } catch (err) {
      throw explainGitHubError(err, 'list the campaigns');
    }
  }
  campaigns.sort(
    (a, b) =>
      Number(a.state === 'closed') - Number(b.state === 'closed') ||
      a.endsAt.localeCompare(b.endsAt),
  );
  const drafts = (await ctx.repos.campaigns.list()).filter((c) => c.state === 'draft');
  const showDrafts = filter === 'drafts' || filter === 'all' || filter === 'open';

  const heading = `Campaigns in ${ctx.config.GITHUB_ORG}`;
  blocks.push({ type: 'header', text: { type: 'plain_text', text: heading.slice(0, 150) } });
  for (const c of campaigns.slice(0, MAX_SHOWN)) {
    blocks.push(await campaignSection(ctx, c));
    const s = c.stats;
    lines.push(
      `#${c.number} ${safeText(c.name, 80)} (${c.state}), due ${c.endsAt.slice(0, 10)}` +
        (s ? `, ${s.closed}/${s.open + s.closed} closed` : ''),
    );
  }
  if (showDrafts && drafts.length) {
    const names = drafts
      .slice(0, 20)
      .map((d) => `• ${safeText(d.name, 60)} (draft, due ${d.endsAt.slice(0, 10)})`);
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `*Drafts*\n${names.join('\n')}` },
    });
    lines.push(...drafts.map((d) => `${safeText(d.name, 60)} (draft)`));
  }
  if (campaigns.length > MAX_SHOWN) {
    const more = campaigns.length - MAX_SHOWN;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `…and ${more} more on GitHub.` }],
    });
  }
  if (campaigns.length === 0 && !(showDrafts && drafts.length)) {
    const none =
      filter === 'all'
        ? 'No campaigns yet.'
        : filter === 'drafts'
          ? 'No draft campaigns.'
          : `No ${filter} campaigns.`;
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `${none} Start one with \`/campaign new\`.` },
    });
    lines.push(none);
  }
  return { text: `${heading}:\n${lines.join('\n')}`, blocks };
}

export const listSubcommand: Subcommand = {
  name: 'list',
  aliases: ['ls'],
  usage: 'list [open|closed|all|drafts]',
  summary: 'campaigns with due dates, managers and progress (open first)',
  async run({ ctx, args }) {
    const filter = (args[0] ?? 'all').toLowerCase();
    if (!FILTERS.includes(filter as Filter)) {
      const usage = '`/campaign list [open|closed|all|drafts]`';
      return `Unknown filter “${safeText(filter, 30)}”. Use ${usage}.`;
    }
    return listMessage(ctx, filter as Filter);
  },
};
