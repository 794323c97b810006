// Gathers what a campaign's digest needs (fresh totals, alerts, history, the previous
// digest) and builds its messages and chart data. Used by the schedule, by
// `/campaign digest`, and by the roll-up.
import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import { campaignUrl } from '../github/campaigns.ts';
import { totalOf } from './alert-totals.ts';
import type { ChartInput } from './burndown-chart.ts';
import { campaignProgress } from './campaign-progress.ts';
import { dayKey } from './day-key.ts';
import { buildDigestData, type DigestData } from './digest-data.ts';
import { type DigestMessages, digestMessages } from './digest-messages.ts';
import { DigestRecords } from './digest-records.ts';
import { HistoryStore } from './history-store.ts';
import { peopleLabels } from './people-labels.ts';
import { recordHistory } from './record-history.ts';

export interface ComposedDigest {
  data: DigestData;
  messages: DigestMessages;
  chart: ChartInput;
  /** Changes when the chart would look different. */
  chartHash: string;
}

export function campaignLink(ctx: AppContext, c: CampaignRecord): string | undefined {
  if (c.htmlUrl) return c.htmlUrl;
  if (c.number === undefined) return undefined;
  return campaignUrl(ctx.config.GITHUB_WEB_URL, ctx.config.GITHUB_ORG, c.number);
}

/** Actual open work per day against the ideal line from the whole campaign to zero. */
export function chartInput(d: DigestData, timeZone: string): ChartInput {
  const startDay = dayKey(new Date(d.campaign.createdAt), timeZone);
  return {
    title: `${d.campaign.name}: open alerts`,
    actual: d.history.map((p) => ({ day: p.day, remaining: p.open + p.inProgress })),
    startDay: startDay < d.dueDay ? startDay : d.today,
    startRemaining: totalOf(d.totals),
    dueDay: d.dueDay,
  };
}

export async function composeDigest(
  ctx: AppContext,
  campaign: CampaignRecord,
  options: { privately?: boolean } = {},
): Promise<ComposedDigest> {
  const progress = await campaignProgress(ctx, campaign);
  await recordHistory(ctx, campaign, progress.snapshots, progress.totals);
  const today = dayKey(ctx.now(), ctx.config.TZ);
  const [history, previous] = await Promise.all([
    new HistoryStore(ctx.kv).list(campaign.id),
    new DigestRecords(ctx.kv).before(campaign.id, today),
  ]);
  const data = buildDigestData({
    campaign,
    snapshots: progress.snapshots,
    totals: progress.totals,
    history,
    ...(previous
      ? {
          previous: {
            day: previous.day,
            totals: previous.record.totals,
            fixedKeys: previous.record.fixedKeys,
          },
        }
      : {}),
    now: ctx.now(),
    timeZone: ctx.config.TZ,
  });
  const logins = [...data.oldest, ...data.newlyFixed].flatMap((a) => a.assignees);
  const person = await peopleLabels(ctx, [...logins, ...data.leaderboard.map((e) => e.login)]);
  const chart = chartInput(data, ctx.config.TZ);
  const chartHash = createHash('sha256').update(JSON.stringify(chart)).digest('hex').slice(0, 16);
  return {
    data,
    messages: digestMessages(data, person, campaignLink(ctx, campaign), options),
    chart,
    chartHash,
  };
}
