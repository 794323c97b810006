// Due-date nudges. DUE_REMINDER_DAYS before the due date: one note in the campaign channel
// and a DM to each assignee listing their open alerts (unless their notification settings say
// otherwise). From the day after the due date: one overdue notice to the point of contact.
// Each goes out once, whichever replica runs; the due date is the local day (TZ) throughout.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import { slackErrorCode } from '../campaigns/slack-error.ts';
import type { Config } from '../config.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import { asBotError } from '../errors.ts';
import { findPerson } from '../identity/resolve-slack-user.ts';
import type { Job } from '../jobs/scheduler.ts';
import { extraDmSkip, sendExtraDm } from '../notify/extra-dm-gate.ts';
import { link, safeText } from '../slack/mrkdwn.ts';
import { claimOnce, isClaimed, releaseClaim } from '../store/lock.ts';
import { remaining } from './alert-totals.ts';
import { campaignLink } from './compose-digest.ts';
import { dayKey, daysBetween } from './day-key.ts';
import { compactAlertLine, daysLeftText } from './digest-lines.ts';
import { memberAlerts } from './member-alerts.ts';
import { packSections } from './pack-sections.ts';

const ONCE_TTL_MS = 400 * 86_400_000;

/**
 * Runs `send` once per key across runs and replicas. A failure gives the claim back (the
 * next run tries again) and is logged here, so one recipient that cannot be reached never
 * stops the messages to the others. Returns whether it was sent now.
 */
async function once(
  ctx: AppContext,
  key: string,
  what: Record<string, unknown>,
  send: () => Promise<void>,
): Promise<boolean> {
  if (!(await claimOnce(ctx.kv, key, ONCE_TTL_MS))) return false;
  try {
    await send();
    return true;
  } catch (err) {
    await releaseClaim(ctx.kv, key);
    const slackError = slackErrorCode(err);
    const code = slackError ? 'slack_request_failed' : asBotError(err).code;
    ctx.logger.warn({ err, code, slackError, ...what }, 'due reminder not sent; retried next run');
    return false;
  }
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function nameOf(ctx: AppContext, c: CampaignRecord): string {
  const url = campaignLink(ctx, c);
  return url ? link(url, c.name, 80) : safeText(c.name, 80);
}

async function remindPerson(
  ctx: AppContext,
  c: CampaignRecord,
  to: string,
  alerts: AlertSnapshot[],
  dueDay: string,
) {
  const due = `${nameOf(ctx, c)} is due on *${dueDay}*.`;
  const [first = [], ...rest] = packSections([
    { title: 'Your open alerts', lines: alerts.map((a) => `• ${compactAlertLine(a)}`) },
  ]);
  const text =
    `${safeText(c.name, 80)} is due on ${dueDay}; ` +
    `you have ${alerts.length} open alerts in it.`;
  await sendExtraDm(ctx, to, { text, blocks: [section(due), ...first] });
  try {
    for (const blocks of rest) await sendExtraDm(ctx, to, { text, blocks });
  } catch (err) {
    // The reminder itself went out; a retry would send its first part a second time.
    const code = 'slack_request_failed';
    const what = { campaign: c.id, slackUser: to, slackError: slackErrorCode(err) };
    ctx.logger.warn({ err, code, ...what }, 'due reminder DM cut short');
  }
}

/** One DM per assignee, each claimed on its own, so they succeed or fail independently. */
async function remindAssignees(
  ctx: AppContext,
  c: CampaignRecord,
  open: AlertSnapshot[],
  dueDay: string,
) {
  const byLogin = new Map<string, AlertSnapshot[]>();
  for (const a of open) for (const l of a.assignees) byLogin.set(l, [...(byLogin.get(l) ?? []), a]);
  for (const [login, alerts] of byLogin) {
    const person = await findPerson(ctx, login);
    if (!person) {
      ctx.logger.debug({ login, reason: 'not_linked' }, 'due reminder not sent to assignee');
      continue;
    }
    const to = person.slackUserId;
    const skip = await extraDmSkip(ctx, to);
    if (skip) {
      ctx.logger.info({ campaign: c.id, slackUser: to, reason: skip }, 'due reminder DM not sent');
      continue;
    }
    const what = { campaign: c.id, slackUser: to };
    await once(ctx, `due-reminder:${c.id}:${dueDay}:${to}`, what, () =>
      remindPerson(ctx, c, to, alerts, dueDay),
    );
  }
}

async function overdueNotice(ctx: AppContext, c: CampaignRecord, left: number, due: string) {
  const contact = c.managers[0];
  const person = contact ? await ctx.repos.identities.byGitHubLogin(contact) : null;
  const name = safeText(c.name, 80);
  const text = `${name} passed its due date (${due}) with ${left} alerts still open.`;
  const blocks = [
    section(
      `:rotating_light: ${nameOf(ctx, c)} passed its due date (*${due}*) with *${left}* ` +
        'alerts still open. Extend the date on GitHub, or close the campaign.',
    ),
  ];
  if (person) {
    await ctx.slack.chat.postMessage({ channel: person.slackUserId, text, blocks });
  } else if (c.channelId) {
    // Nobody to DM: the channel hears it, naming the point of contact in plain text.
    const who = contact ? ` Point of contact: ${safeText(contact, 40)}.` : '';
    await ctx.slack.chat.postMessage({ channel: c.channelId, text: text + who, blocks });
  } else {
    ctx.logger.info({ campaign: c.id, reason: 'no_recipient' }, 'overdue notice not sent');
  }
}

export async function remindCampaign(ctx: AppContext, c: CampaignRecord): Promise<void> {
  const today = dayKey(ctx.now(), ctx.config.TZ);
  const dueDay = dayKey(new Date(c.endsAt), ctx.config.TZ);
  const daysLeft = daysBetween(today, dueDay);
  const snapshots = await memberAlerts(ctx, c);
  const open = snapshots.filter((a) => a.status === 'open');
  const left = c.members.length ? open.length : c.stats ? remaining(c.stats) : 0;
  if (left === 0) return;

  if (daysLeft >= 0 && daysLeft <= ctx.config.DUE_REMINDER_DAYS) {
    // Before the channel note and each DM had claims of their own, this one key covered
    // them all: when it is taken, that reminder (DMs included) already went out.
    if (await isClaimed(ctx.kv, `due-reminder:${c.id}:${dueDay}`)) return;
    const channel = c.channelId;
    if (channel) {
      await once(ctx, `due-reminder:${c.id}:${dueDay}:channel`, { campaign: c.id }, async () => {
        const unassigned = open.filter((a) => a.assignees.length === 0).length;
        const text =
          `:alarm_clock: ${nameOf(ctx, c)} is due on *${dueDay}* (${daysLeftText(daysLeft)}) ` +
          `with *${left}* open alerts, ${unassigned} of them unassigned.`;
        await ctx.slack.chat.postMessage({
          channel,
          text: `${safeText(c.name, 80)} is due on ${dueDay} with ${left} open alerts.`,
          blocks: [section(text)],
        });
      });
    }
    await remindAssignees(ctx, c, open, dueDay);
  }
  if (daysLeft < 0) {
    await once(ctx, `overdue:${c.id}:${dueDay}`, { campaign: c.id }, () =>
      overdueNotice(ctx, c, left, dueDay),
    );
  }
}

export async function sendDueReminders(ctx: AppContext): Promise<void> {
  const campaigns = (await ctx.repos.campaigns.list()).filter((c) => c.state === 'open');
  for (const c of campaigns) {
    try {
      await remindCampaign(ctx, c);
    } catch (err) {
      ctx.logger.error({ err, campaign: c.id }, 'due reminder failed');
    }
  }
}

export function dueRemindersJob(config: Config): Job {
  return { name: 'due-reminders', cron: config.REMINDER_CRON, run: sendDueReminders };
}
