// Posts a campaign's digest in its channel, or edits the day's digest when it already went
// out (a retry, a second replica, a restart, `--post` after the schedule): one digest per
// campaign per day. The chart follows in the thread.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { withLock } from '../store/lock.ts';
import { CHART_SIZE, renderBurndownChart } from './burndown-chart.ts';
import { type ComposedDigest, composeDigest } from './compose-digest.ts';
import { type DigestRecord, DigestRecords } from './digest-records.ts';

export type DigestOutcome = 'posted' | 'edited' | 'skipped';

const SURPLUS: SlackMessage = {
  text: 'Nothing more here: the lists above are complete.',
  blocks: [
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Nothing more here: the lists above are complete.' }],
    },
  ],
};

async function publish(
  ctx: AppContext,
  campaign: CampaignRecord,
  channel: string,
  digest: ComposedDigest,
): Promise<{ record: DigestRecord; outcome: DigestOutcome }> {
  const records = new DigestRecords(ctx.kv);
  const day = digest.data.today;
  const existing = await records.get(campaign.id, day);
  const { parent, replies } = digest.messages;
  const base = { totals: digest.data.totals, fixedKeys: digest.data.fixedKeys };
  let record: DigestRecord;
  if (existing) {
    record = { ...existing, ...base };
    await ctx.slack.chat.update({ channel: existing.channel, ts: existing.ts, ...parent });
  } else {
    const posted = await ctx.slack.chat.postMessage({ channel, ...parent });
    record = { channel: posted.channel ?? channel, ts: posted.ts!, replies: [], ...base };
    // Remembered at once: a crash after this point edits the message on the retry.
    await records.save(campaign.id, day, record);
  }
  const count = Math.max(replies.length, record.replies.length);
  for (let i = 0; i < count; i++) {
    const message = replies[i] ?? SURPLUS;
    const ts = record.replies[i];
    if (ts) {
      await ctx.slack.chat.update({ channel: record.channel, ts, ...message });
      continue;
    }
    const reply = await ctx.slack.chat.postMessage({
      channel: record.channel,
      thread_ts: record.ts,
      ...message,
    });
    record.replies.push(reply.ts!);
    await records.save(campaign.id, day, record);
  }
  await records.save(campaign.id, day, record);
  return { record, outcome: existing ? 'edited' : 'posted' };
}

async function uploadChart(ctx: AppContext, digest: ComposedDigest, record: DigestRecord) {
  const png = await renderBurndownChart(digest.chart);
  const d = digest.data;
  await ctx.slack.filesUploadV2({
    channel_id: record.channel,
    thread_ts: record.ts,
    file: png,
    filename: `burndown-${d.today}.png`,
    title: `Burndown: ${d.campaign.name} (${d.today})`,
    alt_text:
      `Burndown chart: ${d.totals.open + d.totals.inProgress} open alerts on ${d.today}, ` +
      `against an ideal line reaching zero on ${d.dueDay}.`,
  });
  ctx.logger.debug({ campaign: d.campaign.id, bytes: png.length, ...CHART_SIZE }, 'chart posted');
}

export async function postDigest(
  ctx: AppContext,
  campaign: CampaignRecord,
): Promise<DigestOutcome> {
  const log = ctx.logger.child({ campaign: campaign.id });
  const channel = campaign.channelId;
  if (!channel) {
    log.info({ reason: 'no_channel' }, 'digest skipped; campaign has no channel');
    return 'skipped';
  }
  const run = await withLock(ctx.kv, `digest:${campaign.id}`, 5 * 60_000, async () => {
    const digest = await composeDigest({ ...ctx, logger: log }, campaign);
    const { record, outcome } = await publish(ctx, campaign, channel, digest);
    if (record.chartHash !== digest.chartHash) {
      await uploadChart(ctx, digest, record);
      record.chartHash = digest.chartHash;
      await new DigestRecords(ctx.kv).save(campaign.id, digest.data.today, record);
    }
    log.info({ outcome, replies: record.replies.length, channel }, 'digest published');
    return outcome;
  });
  if (!run.ran) {
    log.info({ reason: 'locked' }, 'digest skipped; another run is publishing it');
    return 'skipped';
  }
  return run.value;
}
