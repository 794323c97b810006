import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { groupMembers } from '../../src/campaigns/publish.ts';
import type { CampaignRecord } from '../../src/domain/campaign.ts';
import { ACK_BUDGET_MS } from '../../src/slack/views/campaign-modal-listeners.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { campaignHarness, DEV, LEAD, openNew, submit } from './campaign-kit.ts';

function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (!value || typeof value !== 'object') return [];
  const o = value as Record<string, unknown>;
  const own = o.type === 'mrkdwn' && typeof o.text === 'string' ? [o.text] : [];
  return [...own, ...Object.values(o).flatMap(mrkdwnTexts)];
}

const t = suite<{ h: Harness }>('campaign publish', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await campaignHarness(undefined, { ANNOUNCE_CHANNEL: 'C0GENERAL' });
});

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

async function published(h: Harness): Promise<CampaignRecord> {
  return waitFor(
    async () => {
      const [c] = await h.bot.ctx.repos.campaigns.list();
      return c?.setup?.invited &&
        h.slack.callsTo('views.update').some((u) => /pinned there/.test(JSON.stringify(u.args)))
        ? c
        : undefined;
    },
    15_000,
    'the published campaign',
  );
}

t('publishing sends a valid body and stores exactly the membership it sent', async ({ h }) => {
  const view = await openNew(h);
  const res = await submit(h, view, { template: 'code-critical', name: 'Critical alerts sweep' });
  assert.is((res.body as { response_action: string }).response_action, 'update');
  const c = await published(h);
  const creates = h.github.requests.filter((r) => r.operationId === 'campaigns/create-campaign');
  assert.is(creates.length, 1);
  assert.is(creates[0]?.status, 200);
  assert.is(creates[0]?.token, 'tok-kim-lead', 'created with the creator’s own token');
  const body = creates[0]?.body as { code_scanning_alerts: unknown; managers: string[] };
  assert.equal(body.code_scanning_alerts, groupMembers(c.members));
  const sent = (
    body.code_scanning_alerts as { repository_id: number; alert_numbers: number[] }[]
  ).flatMap((g) => g.alert_numbers.map((n) => `${g.repository_id}#${n}`));
  assert.equal(
    sent,
    c.members.map((m) => `${m.repoId}#${m.number}`),
  );
  assert.is(c.members.length, 2, 'the two critical alerts');
  assert.equal(body.managers, ['kim-lead']);
  assert.is(c.state, 'open');
  assert.is(c.number, 1);
});

t(
  'with GitHub slow to answer the checks, the modal is answered first and it publishes',
  async ({ h }) => {
    const view = await openNew(h);
    h.github.failNext('campaigns/list-org-campaigns', { delayMs: ACK_BUDGET_MS + 600 });
    const res = await submit(h, view, { template: 'code-critical', name: 'Slow day sweep' });
    const ack = res.body as { response_action?: string; view?: unknown };
    assert.is(ack.response_action, 'update');
    assert.match(JSON.stringify(ack.view), 'Checking with GitHub');
    const c = await published(h);
    assert.is(c.name, 'Slow day sweep');
    assert.is(
      h.github.requests.filter((r) => r.operationId === 'campaigns/create-campaign').length,
      1,
    );
  },
);

t('a slow second click never puts the modal back to “Publishing”', async ({ h }) => {
  const view = await openNew(h);
  await submit(h, view, { name: 'Double click sweep' });
  await published(h);
  const counted = () =>
    h.github.requests.filter((r) => r.operationId === 'campaigns/list-org-campaigns').length;
  const listed = counted();
  h.github.failNext('campaigns/list-org-campaigns', { delayMs: ACK_BUDGET_MS + 600 });
  await submit(h, view, { name: 'Double click sweep' });
  await waitFor(() => counted() > listed, 5000, 'the second click checked');
  // The delayed answer, then whatever the second click does with it.
  await new Promise((r) => setTimeout(r, 1500));
  const updates = h.slack
    .callsTo('views.update')
    .filter((u) => (u.args as { view_id?: string }).view_id === view.id);
  assert.match(JSON.stringify(updates.at(-1)?.args), 'pinned there');
  assert.is(
    h.github.requests.filter((r) => r.operationId === 'campaigns/create-campaign').length,
    1,
  );
});

t(
  'the channel is private, with topic, purpose, pinned card, bookmark and invites',
  async ({ h }) => {
    const view = await openNew(h);
    await submit(h, view, { name: 'Critical alerts sweep', members: ['U0DAVE'] });
    const c = await published(h);
    const channel = h.slack.state.channels.get(c.channelId as string);
    assert.ok(channel);
    assert.is(channel?.is_private, true);
    assert.is(channel?.name, 'campaign-critical-alerts-sweep');
    assert.match(channel?.topic ?? '', `<@${LEAD}>`);
    assert.match(channel?.topic ?? '', 'Point of contact: alice');
    assert.match(channel?.topic ?? '', 'Due 2099-03-01');
    assert.is(channel?.purpose, 'Fix every critical alert before the audit.');
    assert.is(channel?.pins.length, 1);
    assert.is(channel?.pins[0]?.ts, c.cardTs);
    const card = JSON.stringify(channel?.messages.find((m) => m.ts === c.cardTs)?.blocks);
    assert.match(card, 'Questions? Ask alice');
    assert.match(card, '/orgs/acme/security/campaigns/1');
    assert.is(channel?.bookmarks[0]?.link, c.htmlUrl);
    for (const u of [LEAD, 'U0DAVE']) assert.ok(channel?.members.has(u), `${u} invited`);
    assert.match(c.contactLink ?? '', `/archives/${c.channelId}`);
  },
);

t('GitHub text with mentions arrives escaped in topic and card', async ({ h }) => {
  const view = await openNew(h);
  await submit(h, view, {
    name: 'Ping <!channel> now',
    description: 'Hello <@U123> & team',
  });
  const c = await published(h);
  const channel = h.slack.state.channels.get(c.channelId as string);
  // Topic and purpose are shown as typed: nothing to ping there, and `&` reads as `&`.
  assert.match(channel?.topic ?? '', 'Ping ‹!channel› now');
  assert.not.match(channel?.topic ?? '', '<!channel>');
  assert.is(channel?.purpose, 'Hello ‹@U123› & team');
  const card = channel?.messages.find((m) => m.ts === c.cardTs);
  // Slack parses mentions in mrkdwn and in the fallback text; plain_text is shown as typed.
  const text = [card?.text, ...mrkdwnTexts(card?.blocks)].join('\n');
  assert.not.match(text, '<!channel>');
  assert.not.match(text, '<@U123>');
  assert.match(text, 'Hello &lt;@U123&gt; &amp; team');
  assert.match(text, 'Ping &lt;!channel&gt; now');
  assert.ok(channel?.bookmarks.length === 1);
  const announced = h.slack.messagesIn('C0GENERAL')[0];
  const said = [announced?.text, ...mrkdwnTexts(announced?.blocks)].join('\n');
  assert.match(said, 'Ping &lt;!channel&gt; now');
  assert.not.match(said, '<!channel>');
});

t('the same submission twice within 200 ms makes one campaign and one channel', async ({ h }) => {
  const view = await openNew(h);
  const [a, b] = await Promise.all([submit(h, view, {}), submit(h, view, {})]);
  assert.is(a.status, 200);
  assert.is(b.status, 200);
  await published(h);
  await new Promise((r) => setTimeout(r, 100));
  const creates = h.github.requests.filter((r) => r.operationId === 'campaigns/create-campaign');
  assert.is(creates.length, 1);
  assert.is(h.slack.callsTo('conversations.create').length, 1);
  assert.is((await h.bot.ctx.repos.campaigns.list()).length, 1);
});

t(
  'developers with assigned alerts get one intro DM, and the campaign is announced',
  async ({ h }) => {
    const view = await openNew(h);
    await submit(h, view, { name: 'Critical alerts sweep' });
    const c = await published(h);
    await waitFor(() => h.slack.messagesIn(DEV).length > 0, 3000, 'the intro DM');
    const dms = h.slack.messagesIn(DEV);
    assert.is(dms.length, 1);
    const text = JSON.stringify(dms[0]);
    assert.match(text, '2 of your alerts');
    assert.match(text, 'js/sql-injection');
    assert.match(text, 'js/command-line-injection');
    assert.match(text, `<@${LEAD}>`);
    assert.match(text, 'Critical alerts are the ones most likely to be exploited');
    const announced = h.slack.messagesIn('C0GENERAL');
    assert.is(announced.length, 1);
    assert.match(JSON.stringify(announced[0]), `<#${c.channelId}>`);
  },
);

t('a GitHub refusal shows in the modal and keeps the campaign as a draft', async ({ h }) => {
  h.github.failNext(
    { operationId: 'campaigns/create-campaign' },
    { status: 422, body: { message: 'Validation Failed', errors: [{ message: 'Name is taken' }] } },
  );
  const view = await openNew(h);
  await submit(h, view, { name: 'Critical alerts sweep' });
  const update = await waitFor(
    () => h.slack.callsTo('views.update').find((u) => /Name is taken/.test(JSON.stringify(u.args))),
    3000,
    'the error in the modal',
  );
  assert.match(JSON.stringify(update.args), 'kept as a draft');
  const [draft] = await h.bot.ctx.repos.campaigns.list();
  assert.is(draft?.state, 'draft');
  assert.is(h.slack.callsTo('conversations.create').length, 0);
  h.github.violations.length = 0;
});

t.run();
