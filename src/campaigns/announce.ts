// On publish, the campaign is announced in the configured channel, and each developer who
// already has alerts assigned in it gets one intro DM, so nobody learns of it from a digest.
// The DM respects the person's notification settings, like every other DM.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { asBotError } from '../errors.ts';
import { findPerson } from '../identity/resolve-slack-user.ts';
import { extraDmSkip, sendExtraDm } from '../notify/extra-dm-gate.ts';
import type { SlackMessage } from '../slack/messages/assignment-dm.ts';
import { link, safeText } from '../slack/mrkdwn.ts';
import { claimOnce, releaseClaim } from '../store/lock.ts';
import { githubUrlOf } from './card.ts';
import { dueText } from './due-date.ts';
import { introDm } from './intro-dm.ts';
import { type Person, personMrkdwn, pointOfContact } from './people.ts';
import { slackErrorCode } from './slack-error.ts';
import { type ScopeFilters, whyText } from './templates.ts';

const WEEK_MS = 7 * 86_400_000;

export function announcement(
  ctx: AppContext,
  c: CampaignRecord,
  poc: Person | undefined,
): SlackMessage {
  const url = githubUrlOf(ctx, c);
  const name = url ? link(url, c.name, 80) : safeText(c.name, 80);
  const repos = new Set(c.members.map((m) => m.repoId)).size;
  const due = dueText(c.endsAt, ctx.config.TZ, ctx.now());
  const channel = c.channelId
    ? `Channel: <#${c.channelId}>` +
      (c.channelPrivate === false ? '' : ' (private: ask the point of contact to join)')
    : '';
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          `:mega: *New security campaign: ${name}*\n${c.members.length} alerts in ${repos} ` +
          `repositories, ${due}.\nPoint of contact: ${poc ? personMrkdwn(poc) : '_not set_'}`,
      },
    },
    { type: 'section', text: { type: 'mrkdwn', text: safeText(c.description, 2900) || ' ' } },
  ];
  if (channel) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: channel }] });
  return { text: `New security campaign: ${safeText(c.name, 80)}, ${due}.`, blocks };
}

function logFailure(ctx: AppContext, err: unknown, fields: Record<string, unknown>, msg: string) {
  const slackError = slackErrorCode(err);
  const code = slackError ? 'slack_request_failed' : asBotError(err).code;
  ctx.logger.warn({ err, code, slackError, ...fields }, msg);
}

async function sendIntros(
  ctx: AppContext,
  c: CampaignRecord,
  alerts: AlertSnapshot[],
  poc: Person | undefined,
): Promise<number> {
  const byLogin = new Map<string, AlertSnapshot[]>();
  for (const a of alerts) {
    for (const login of a.assignees) byLogin.set(login, [...(byLogin.get(login) ?? []), a]);
  }
  let sent = 0;
  for (const [login, mine] of byLogin) {
    const person = await findPerson(ctx, login);
    if (!person) {
      ctx.logger.debug({ campaign: c.id, login }, 'assignee unknown in Slack; no intro DM');
      continue;
    }
    const to = person.slackUserId;
    const skip = await extraDmSkip(ctx, to);
    if (skip) {
      ctx.logger.info({ campaign: c.id, slackUser: to, reason: skip }, 'intro DM not sent');
      continue;
    }
    const claim = `campaign-intro:${c.id}:${to}`;
    if (!(await claimOnce(ctx.kv, claim, WEEK_MS))) continue;
    const message = introDm({
      campaign: c,
      alerts: mine,
      ...(poc ? { poc } : {}),
      why: whyText(c.scope?.filters as ScopeFilters | undefined),
      ...(githubUrlOf(ctx, c) ? { githubUrl: githubUrlOf(ctx, c) } : {}),
      tz: ctx.config.TZ,
      now: ctx.now(),
    });
    try {
      await sendExtraDm(ctx, to, message);
      sent++;
    } catch (err) {
      // One person Slack cannot reach (deactivated, say) must not cost the others their DM.
      await releaseClaim(ctx.kv, claim);
      logFailure(ctx, err, { campaign: c.id, slackUser: to }, 'intro DM not sent');
    }
  }
  return sent;
}

/** Announces once per campaign; intro DMs go once per person, even across retries. */
export async function announceCampaign(
  ctx: AppContext,
  c: CampaignRecord,
  alerts: AlertSnapshot[],
): Promise<void> {
  const poc = await pointOfContact(ctx, c);
  const channel = ctx.config.ANNOUNCE_CHANNEL;
  const claim = `campaign-announce:${c.id}`;
  if (channel && (await claimOnce(ctx.kv, claim, WEEK_MS))) {
    try {
      await ctx.slack.chat.postMessage({ channel, ...announcement(ctx, c, poc) });
    } catch (err) {
      await releaseClaim(ctx.kv, claim);
      logFailure(ctx, err, { campaign: c.id, channel }, 'campaign announcement not posted');
    }
  }
  const sent = await sendIntros(ctx, c, alerts, poc);
  ctx.logger.info({ campaign: c.id, introDms: sent }, 'campaign announced');
}
