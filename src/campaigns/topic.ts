// The channel topic: who to ask and by when, readable in the channel header. Topics are not
// formatted by Slack, so the point of contact appears by name as well as by mention, and
// GitHub text is shown as typed (`R&D`, not `R&amp;D`).
import type { CampaignRecord } from '../domain/campaign.ts';
import { inertPlain, truncate } from '../slack/mrkdwn.ts';
import { dayIn } from './due-date.ts';
import type { Person } from './people.ts';

export const MAX_TOPIC = 250;

export function campaignTopic(campaign: CampaignRecord, poc: Person | undefined, tz: string) {
  const who = poc
    ? `Point of contact: ${inertPlain(poc.name)}` +
      (poc.slackUserId ? ` <@${poc.slackUserId}>` : '')
    : 'Point of contact: not set';
  const closed = campaign.state === 'closed' ? 'Closed · ' : '';
  const head = `${closed}${who} · Due ${dayIn(tz, new Date(campaign.endsAt))}`;
  // The campaign name (GitHub text) fills what is left.
  const room = MAX_TOPIC - head.length - 3;
  if (room < 8) return truncate(head, MAX_TOPIC);
  return `${head} · ${inertPlain(truncate(campaign.name, room))}`;
}
