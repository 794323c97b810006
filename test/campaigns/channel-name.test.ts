import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  campaignChannelName,
  channelNameWithSuffix,
  MAX_CHANNEL_NAME,
} from '../../src/campaigns/channel-name.ts';
import { campaignTopic, MAX_TOPIC } from '../../src/campaigns/topic.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';

const t = suite('campaignChannelName');
const SLACK_RULE = /^[a-z0-9_-]{1,80}$/;

t('a name with punctuation and an ampersand becomes a valid channel name', () => {
  const name = campaignChannelName('campaign-', 'SQL injection (CWE-89): payments & billing');
  assert.is(name, 'campaign-sql-injection-cwe-89-payments-and-billing');
  assert.match(name, SLACK_RULE);
});

t('a 50-character name plus the prefix stays within 80 characters', () => {
  const name = campaignChannelName('security-campaign-', `${'Ä'.repeat(10)}${'x'.repeat(40)}`);
  assert.ok(name.length <= MAX_CHANNEL_NAME);
  assert.match(name, SLACK_RULE);
  const long = campaignChannelName('abcdefghijklmnopqrst', `${'w'.repeat(50)} ${'z'.repeat(20)}`);
  assert.ok(long.length <= MAX_CHANNEL_NAME);
  assert.match(long, SLACK_RULE);
});

t('a clash gets a numbered suffix that still fits', () => {
  const base = campaignChannelName('campaign-', 'y'.repeat(90));
  const next = channelNameWithSuffix(base, 2);
  assert.ok(next.endsWith('-2'));
  assert.ok(next.length <= MAX_CHANNEL_NAME);
  assert.is.not(next, base);
});

t('a name of only symbols still gives a usable name', () => {
  assert.is(campaignChannelName('', '!!! ???'), 'campaign');
  assert.is(campaignChannelName('camp-', '🔥🔥'), 'camp-campaign');
});

t('the topic fits 250 characters with the point of contact named and mentioned', () => {
  const c = {
    name: 'n'.repeat(50),
    endsAt: '2099-03-01T12:00:00Z',
    state: 'open',
  } as CampaignRecord;
  const poc = { login: 'kim', name: 'K'.repeat(200), slackUserId: 'U0KIM' };
  const topic = campaignTopic(c, poc, 'UTC');
  assert.ok(topic.length <= MAX_TOPIC, `${topic.length}`);
  const short = campaignTopic(c, { ...poc, name: 'Kim Sato' }, 'UTC');
  assert.match(short, 'Point of contact: Kim Sato <@U0KIM> · Due 2099-03-01');
});

t.run();
