// Gives a published campaign its channel: create it, set topic and purpose, post and pin the
// card, bookmark GitHub's page, invite people, and point GitHub's contact link at it. Each
// step is recorded on the campaign as soon as it is done, so a retry (or the next sync)
// resumes where a Slack error or a crash stopped, and nothing is created twice.
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord, CampaignSetup } from '../domain/campaign.ts';
import { BotError } from '../errors.ts';
import { inertPlain, truncate } from '../slack/mrkdwn.ts';
import { acquireLock } from '../store/lock.ts';
import { buildCampaignCard, buildTopic, githubUrlOf } from './card.ts';
import { campaignChannelName, channelNameWithSuffix } from './channel-name.ts';
import { linkContactToChannel } from './contact-link.ts';
import { managerSlackIds } from './people.ts';
import { slackErrorCode } from './slack-error.ts';

const MAX_NAME_ATTEMPTS = 20;
const INVITE_BATCH = 100;
const MAX_PURPOSE = 250;

async function createChannel(ctx: AppContext, c: CampaignRecord): Promise<string> {
  const base = campaignChannelName(ctx.config.CHANNEL_PREFIX, c.name);
  for (let attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
    const name = attempt === 1 ? base : channelNameWithSuffix(base, attempt);
    try {
      const res = await ctx.slack.conversations.create({
        name,
        is_private: c.channelPrivate !== false,
      });
      const id = res.channel?.id;
      if (id) {
        ctx.logger.info({ campaign: c.id, channel: id, name }, 'campaign channel created');
        return id;
      }
    } catch (err) {
      if (slackErrorCode(err) !== 'name_taken') throw err;
      ctx.logger.debug({ campaign: c.id, name }, 'channel name taken; trying a suffix');
    }
  }
  throw new BotError('slack_request_failed', 'Every channel name for this campaign is taken.', {
    fields: { campaign: c.id, base },
  });
}

async function invite(ctx: AppContext, c: CampaignRecord, channel: string): Promise<void> {
  const wanted = [
    ...(await managerSlackIds(ctx, c.managers)),
    ...(c.createdBy ? [c.createdBy] : []),
    ...(c.extraMembers ?? []),
  ];
  const users = [...new Set(wanted)];
  for (let i = 0; i < users.length; i += INVITE_BATCH) {
    const batch = users.slice(i, i + INVITE_BATCH).join(',');
    try {
      // force: invite the valid people even when one id is gone or already a member.
      await ctx.slack.conversations.invite({ channel, users: batch, force: true });
    } catch (err) {
      if (slackErrorCode(err) !== 'already_in_channel') throw err;
    }
  }
}

function purposeOf(c: CampaignRecord): string {
  return truncate(inertPlain(c.description.replace(/\s+/g, ' ').trim()), MAX_PURPOSE);
}

/** Runs the missing set-up steps; safe to call any number of times, from any replica. */
export async function ensureCampaignChannel(
  ctx: AppContext,
  campaign: CampaignRecord,
): Promise<CampaignRecord> {
  const lease = await acquireLock(ctx.kv, `campaign-channel:${campaign.id}`, 60_000);
  if (!lease) {
    ctx.logger.debug({ campaign: campaign.id }, 'channel set-up running elsewhere');
    return campaign;
  }
  try {
    let c = (await ctx.repos.campaigns.get(campaign.id)) ?? campaign;
    const save = async (patch: Partial<CampaignRecord>, setup: CampaignSetup = {}) => {
      c = { ...c, ...patch, setup: { ...c.setup, ...setup }, updatedAt: ctx.now().toISOString() };
      await ctx.repos.campaigns.save(c);
    };

    if (!c.channelId) await save({ channelId: await createChannel(ctx, c) });
    const channel = c.channelId as string;
    if (c.setup?.topic === undefined) {
      const topic = await buildTopic(ctx, c);
      await ctx.slack.conversations.setTopic({ channel, topic });
      await save({}, { topic });
    }
    if (!c.setup?.purpose) {
      await ctx.slack.conversations.setPurpose({ channel, purpose: purposeOf(c) });
      await save({}, { purpose: true });
    }
    if (!c.cardTs) {
      const card = await buildCampaignCard(ctx, c);
      const res = await ctx.slack.chat.postMessage({ channel, ...card });
      await save({ cardTs: res.ts as string });
    }
    if (!c.setup?.pinned) {
      try {
        await ctx.slack.pins.add({ channel, timestamp: c.cardTs as string });
      } catch (err) {
        if (slackErrorCode(err) !== 'already_pinned') throw err;
      }
      await save({}, { pinned: true });
    }
    const url = githubUrlOf(ctx, c);
    if (!c.setup?.bookmark && url) {
      const title = `GitHub campaign #${c.number}`;
      await ctx.slack.bookmarks.add({ channel_id: channel, title, type: 'link', link: url });
      await save({}, { bookmark: true });
    }
    if (!c.setup?.invited) {
      await invite(ctx, c, channel);
      await save({}, { invited: true });
    }
    if (!c.setup?.contactLinked && !c.contactLink && !c.adopted) {
      const linked = await linkContactToChannel(ctx, c, channel);
      if (linked) await save({ contactLink: linked }, { contactLinked: true });
    }
    return c;
  } finally {
    await lease.release();
  }
}
