// The channel topic: who to ask and by when, readable in the channel header. Topics are not
// formatted by Slack, so the point of contact appears by name as well as by mention.
import type { CampaignRecord } from '../domain/campaign.ts';
import { escapeMrkdwn, truncate } from '../slack/mrkdwn.ts';
import { dayIn } from './due-date.ts';
import type { Person } from './people.ts';

export const MAX_TOPIC = 250;

export function campaignTopic(campaign: CampaignRecord, poc: Person | undefined, tz: string) {
  const who = poc
    ? `Point of contact: ${escapeMrkdwn(poc.name)}` +
      (poc.slackUserId ? ` <@${poc.slackUserId}>` : '')
    : 'Point of contact: not set';
  const closed = campaign.state === 'closed' ? 'Closed · ' : '';
  const head = `${closed}${who} · Due ${dayIn(tz, new Date(campaign.endsAt))}`;
  // The campaign name fills what is left; it is GitHub text, so it is escaped after cutting.
  const room = MAX_TOPIC - head.length - 3;
  if (room < 8) return truncate(head, MAX_TOPIC);
  let name = truncate(campaign.name, room);
  while (escapeMrkdwn(name).length > room && name.length > 1)
    name = truncate(name, name.length - 4);
  return `${head} · ${escapeMrkdwn(name)}`;
}
