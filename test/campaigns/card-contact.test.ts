// The card's Contact button: shown for a link Slack accepts in a button, left out otherwise,
// so one bad link (as set on GitHub, say) never keeps the card from being posted.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { campaignCard } from '../../src/campaigns/card-blocks.ts';
import { contactLinkProblem } from '../../src/campaigns/contact-link.ts';
import { campaignRecord } from '../helpers/campaign-record.ts';

function contactButtonUrl(contactLink: string): string | undefined {
  const campaign = { ...campaignRecord('c1', []), contactLink };
  const card = campaignCard({ campaign, managers: [], tz: 'UTC', now: new Date(0) });
  const actions = card.blocks.find((b) => b.type === 'actions') as
    | { elements: { action_id?: string; url?: string }[] }
    | undefined;
  return actions?.elements.find((e) => e.action_id === 'campaign_card_link:contact')?.url;
}

const atLimit = `https://wiki.example.com/${'a'.repeat(3000 - 25)}`;

test('a link up to 3000 characters is a Contact button', () => {
  assert.is(atLimit.length, 3000);
  assert.is(contactButtonUrl(atLimit), atLimit);
  assert.is(contactButtonUrl('https://wiki.example.com/appsec'), 'https://wiki.example.com/appsec');
});

test('a link Slack would refuse is left out of the card', () => {
  assert.is(contactButtonUrl(`${atLimit}b`), undefined);
  assert.is(contactButtonUrl('mailto:appsec@example.com'), undefined);
  assert.is(contactButtonUrl('https://'), undefined);
});

test('the form says what is wrong with a link, and nothing about a good one', () => {
  assert.is(contactLinkProblem(atLimit), null);
  assert.match(contactLinkProblem(`${atLimit}b`) ?? '', 'At most 3000 characters');
  assert.match(contactLinkProblem('wiki.example.com') ?? '', 'starting with https://');
  assert.match(contactLinkProblem('https://wiki.example.com/a b') ?? '', 'cannot hold');
  assert.match(contactLinkProblem('https://wiki.example.com/ä') ?? '', 'cannot hold');
  assert.is(contactLinkProblem('https://wiki.example.com/a%C3%A4?q=1#x'), null);
});

test.run();
