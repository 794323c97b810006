// Due-date nudges. DUE_REMINDER_DAYS before the due date: one note in the campaign channel
// and a DM to each assignee listing their open alerts. From the day after the due date:
// one overdue notice to the point of contact. Each goes out once, whichever replica runs.
import type { KnownBlock } from '@slack/types';
import type { AppContext } from '../app-context.ts';
import type { Config } from '../config.ts';
import type { CampaignRecord } from '../domain/campaign.ts';
import type { AlertSnapshot } from '../domain/types.ts';
import type { Job } from '../jobs/scheduler.ts';
import { link, safeText } from '../slack/mrkdwn.ts';
import { claimOnce, releaseClaim } from '../store/lock.ts';
import { remaining } from './alert-totals.ts';
import { campaignLink } from './compose-digest.ts';
import { dayKey, daysBetween } from './day-key.ts';
import { compactAlertLine, daysLeftText } from './digest-lines.ts';
import { memberAlerts } from './member-alerts.ts';
import { packSections } from './pack-sections.ts';

const ONCE_TTL_MS = 400 * 86_400_000;

async function once(ctx: AppContext, key: string, send: () => Promise<void>): Promise<void> {
  if (!(await claimOnce(ctx.kv, key, ONCE_TTL_MS))) return;
  try {
    await send();
  } catch (err) {
    await releaseClaim(ctx.kv, key);
    throw err;
  }
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });

function nameOf(ctx: AppContext, c: CampaignRecord): string {
  const url = campaignLink(ctx, c);
  return url ? link(url, c.name, 80) : safeText(c.name, 80);
}

async function remindAssignees(ctx: AppContext, c: CampaignRecord, open: AlertSnapshot[]) {
  const byLogin = new Map<string, AlertSnapshot[]>();
  for (const a of open) for (const l of a.assignees) byLogin.set(l, [...(byLogin.get(l) ?? []), a]);
  for (const [login, alerts] of byLogin) {
    const person = await ctx.repos.identities.byGitHubLogin(login);
    if (!person) {
      ctx.logger.debug({ login, reason: 'not_linked' }, 'due reminder not sent to assignee');
      continue;
    }
    const due = `${nameOf(ctx, c)} is due on *${c.endsAt.slice(0, 10)}*.`;
    const [first = [], ...rest] = packSections([
      { title: 'Your open alerts', lines: alerts.map((a) => `• ${compactAlertLine(a)}`) },
    ]);
    const text =
      `${safeText(c.name, 80)} is due on ${c.endsAt.slice(0, 10)}; ` +
      `you have ${alerts.length} open alerts in it.`;
    await ctx.slack.chat.postMessage({
      channel: person.slackUserId,
      text,
      blocks: [section(due), ...first],
    });
    for (const blocks of rest) {
      await ctx.slack.chat.postMessage({ channel: person.slackUserId, text, blocks });
    }
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
    await once(ctx, `due-reminder:${c.id}:${dueDay}`, async () => {
      if (c.channelId) {
        const unassigned = open.filter((a) => a.assignees.length === 0).length;
        const text =
          `:alarm_clock: ${nameOf(ctx, c)} is due on *${dueDay}* (${daysLeftText(daysLeft)}) ` +
          `with *${left}* open alerts, ${unassigned} of them unassigned.`;
        await ctx.slack.chat.postMessage({
          channel: c.channelId,
          text: `${safeText(c.name, 80)} is due on ${dueDay} with ${left} open alerts.`,
          blocks: [section(text)],
        });
      }
      await remindAssignees(ctx, c, open);
    });
  }
  if (daysLeft < 0) {
    await once(ctx, `overdue:${c.id}:${dueDay}`, () => overdueNotice(ctx, c, left, dueDay));
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
