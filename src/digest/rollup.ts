// The weekly roll-up for security leads: every open campaign on one line (progress, open
// work, due date, on track or at risk) in LEADS_CHANNEL. A re-run the same day edits it.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import type { Config } from '../config.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { asBotError } from '../errors.ts';
import type { Job } from '../jobs/scheduler.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { progressBar } from '../slack/messages/progress.ts';
import { link, safeText } from '../slack/mrkdwn.ts';
import { withLock } from '../store/lock.ts';
import { percentDone, remaining, totalOf } from './alert-totals.ts';
import { campaignProgress } from './campaign-progress.ts';
import { campaignLink } from './compose-digest.ts';
import { dayKey, daysBetween } from './day-key.ts';
import { daysLeftText, projectionPlain } from './digest-lines.ts';
import { DigestRecords } from './digest-records.ts';
import { HistoryStore } from './history-store.ts';
import { projectFinish } from './projection.ts';
import { recordHistory } from './record-history.ts';

// One section per campaign; GitHub allows 10 open campaigns, so 40 leaves ample room.
const MAX_CAMPAIGNS = 40;

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function nameOf(ctx: AppContext, c: CampaignRecord): string {
  const url = campaignLink(ctx, c);
  return url ? link(url, c.name, 80) : safeText(c.name, 80);
}

interface RollupLine {
  section: KnownBlock;
  text: string;
}

async function campaignLine(
  ctx: AppContext,
  c: CampaignRecord,
  today: string,
): Promise<RollupLine> {
  const { totals, snapshots } = await campaignProgress(ctx, c);
  await recordHistory(ctx, c, snapshots, totals);
  const history = await new HistoryStore(ctx.kv).list(c.id);
  const dueDay = dayKey(new Date(c.endsAt), ctx.config.TZ);
  const points = history.map((p) => ({ day: p.day, remaining: remaining(p) }));
  const projection = projectFinish(points, dueDay, today);
  const pct = percentDone(totals);
  const left = daysLeftText(daysBetween(today, dueDay));
  const state = projectionPlain(projection);
  return {
    section: section(
      `*${nameOf(ctx, c)}*\n${progressBar(totals.closed, totalOf(totals))} ${pct}% done · ` +
        `${remaining(totals)} open · due ${dueDay} (${left}) · *${state}*`,
    ),
    text: `${safeText(c.name, 80)}: ${pct}% done, ${remaining(totals)} open, ${left}, ${state}`,
  };
}

/**
 * A campaign whose progress could not be read still gets its line, saying so: a roll-up
 * that silently drops a campaign reads as if it were closed.
 */
function unreadableLine(ctx: AppContext, c: CampaignRecord): RollupLine {
  return {
    section: section(`*${nameOf(ctx, c)}*\n:warning: Its progress could not be read this time.`),
    text: `${safeText(c.name, 80)}: progress could not be read`,
  };
}

export async function rollupMessage(ctx: AppContext): Promise<SlackMessage> {
  const today = dayKey(ctx.now(), ctx.config.TZ);
  const open = (await ctx.repos.campaigns.list()).filter((c) => c.state === 'open');
  const sections: KnownBlock[] = [];
  const lines: string[] = [];
  for (const c of open.slice(0, MAX_CAMPAIGNS)) {
    let line: RollupLine;
    try {
      line = await campaignLine(ctx, c, today);
    } catch (err) {
      // One campaign GitHub cannot answer for must not cost the leads the whole roll-up.
      const code = asBotError(err).code;
      ctx.logger.error({ err, code, campaign: c.id }, 'roll-up could not read campaign progress');
      line = unreadableLine(ctx, c);
    }
    sections.push(line.section);
    lines.push(line.text);
  }
  const more = open.length - MAX_CAMPAIGNS;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Campaigns this week (${today})` } },
    ...(sections.length
      ? sections
      : [{ type: 'section', text: { type: 'mrkdwn', text: '_No open campaigns._' } } as const]),
  ];
  if (more > 0) {
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${more} more.` }] });
  }
  return { text: `Campaigns this week:\n${lines.join('\n') || 'No open campaigns.'}`, blocks };
}

export async function postRollup(ctx: AppContext): Promise<void> {
  const channel = ctx.config.LEADS_CHANNEL;
  if (!channel) {
    ctx.logger.debug({ reason: 'no_leads_channel' }, 'roll-up skipped');
    return;
  }
  await withLock(ctx.kv, 'rollup', 5 * 60_000, async () => {
    const records = new DigestRecords(ctx.kv);
    const day = dayKey(ctx.now(), ctx.config.TZ);
    const message = await rollupMessage(ctx);
    const existing = await records.get('rollup', day);
    if (existing) {
      await ctx.slack.chat.update({ channel: existing.channel, ts: existing.ts, ...message });
      return;
    }
    const posted = await ctx.slack.chat.postMessage({ channel, ...message });
    const empty = { open: 0, inProgress: 0, closed: 0 };
    await records.save('rollup', day, {
      channel: posted.channel ?? channel,
      ts: posted.ts!,
      replies: [],
      totals: empty,
      fixedKeys: [],
    });
  });
}

export function rollupJob(config: Config): Job {
  return { name: 'rollup', cron: config.ROLLUP_CRON, run: postRollup };
}
