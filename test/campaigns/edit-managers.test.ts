// `/campaign edit` on a campaign whose managers Burndown cannot all show in Slack's people
// pickers (no Slack link): saving keeps them, and a cleared contact link is cleared.
import type { ViewStateValue } from '@slack/bolt';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Harness, ORG, waitFor } from '../helpers/harness.ts';
import { plainTextState, viewSubmissionPayload } from '../helpers/slack-payloads.ts';
import { baseOrg, campaignHarness, DEV, LEAD } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('campaign edit keeps managers', {} as { h: Harness });

t.after.each(async ({ h }) => {
  try {
    h.github.assertNoViolations();
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

/** A campaign created on GitHub's pages (number 3), as GitHub has it. */
const madeOnGitHub = (extra: Record<string, unknown>) =>
  baseOrg({
    campaigns: [
      {
        number: 3,
        name: 'Made on GitHub',
        managers: ['kim-lead'],
        endsAt: '2099-01-01T00:00:00Z',
        codeAlerts: [{ repo: 'payments', numbers: [1, 2] }],
        ...extra,
      },
    ],
  });

const onGitHub = (h: Harness) =>
  h.github.state.orgs[ORG]?.campaigns.find((c) => c.summary.number === 3)?.summary;
const managersOnGitHub = (h: Harness) =>
  (onGitHub(h)?.managers as { login: string }[] | undefined)?.map((m) => m.login);
const updates = (h: Harness) =>
  h.github.requests
    .filter((r) => r.operationId === 'campaigns/update-campaign')
    .map((r) => r.body as Record<string, unknown>);

async function adoptAndOpenEdit(h: Harness) {
  await h.command('adopt 3', { user: LEAD });
  const opens = h.slack.callsTo('views.open').length;
  await h.command('edit 3', { user: LEAD, waitMs: 50 });
  await waitFor(() => h.slack.callsTo('views.open').length > opens, 5000, 'the edit form');
  const view = [...h.slack.state.views.values()].at(-1);
  if (!view) throw new Error('no edit form');
  return view;
}

interface EditValues {
  description?: string;
  poc?: string | null;
  managers?: string[];
  contact?: string | null;
}

/** Submits the edit form as Slack does (every field's state), and waits for the outcome. */
async function save(
  h: Harness,
  view: { id: string; view: Record<string, unknown> },
  v: EditValues,
) {
  const values: Record<string, Record<string, ViewStateValue>> = {
    name: { 'campaign_form:name': plainTextState('Made on GitHub') },
    description: {
      'campaign_form:description': plainTextState(v.description ?? 'Only the words changed'),
    },
    due: { 'campaign_form:due': { type: 'datepicker', selected_date: '2099-01-01' } },
    poc: { 'campaign_form:poc': { type: 'users_select', selected_user: v.poc ?? null } },
    managers: {
      'campaign_form:managers': { type: 'multi_users_select', selected_users: v.managers ?? [] },
    },
    contact: { 'campaign_form:contact': { type: 'url_text_input', value: v.contact ?? null } },
  };
  const before = h.slack.callsTo('views.update').length;
  const res = await h.interact(
    viewSubmissionPayload({
      id: view.id,
      callback_id: 'campaign_edit',
      private_metadata: String(view.view.private_metadata),
      values: values as never,
      user: { id: LEAD },
    }),
  );
  const refused = JSON.stringify(res.body).includes('"errors"');
  if (refused) return { refused: JSON.stringify(res.body), saved: '' };
  const saved = await waitFor(
    () =>
      h.slack
        .callsTo('views.update')
        .slice(before)
        .map((u) => JSON.stringify(u.args))
        .find((u) => /Saved on GitHub|:warning:/.test(u)),
    5000,
    'the save',
  );
  return { refused: '', saved };
}

t('editing only the description keeps a manager who has no Slack link', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub({ managers: ['kim-lead', 'dev-a'] }));
  ctx.h = h;
  const view = await adoptAndOpenEdit(h);
  // As Slack sends it: Kim as point of contact, nobody else picked (dev-a cannot be shown).
  const { refused, saved } = await save(h, view, { poc: LEAD, managers: [] });
  assert.is(refused, '');
  assert.match(saved, 'Saved on GitHub');
  assert.is(onGitHub(h)?.description, 'Only the words changed');
  assert.equal(managersOnGitHub(h), ['kim-lead', 'dev-a'], 'dev-a still manages it');
  assert.not.ok('managers' in (updates(h).at(-1) ?? {}), 'managers left alone when unchanged');
  const card = await h.bot.ctx.repos.campaigns.getByNumber(3);
  assert.equal(card?.managers, ['kim-lead', 'dev-a']);
  // The person was told: the form names dev-a as kept although it cannot show them.
  const form = JSON.stringify(view.view.blocks);
  assert.match(form, '`dev-a`');
  assert.match(form, 'kept whatever you pick');
});

t('a campaign whose only manager has no Slack link saves without a new contact', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub({ managers: ['dev-a'] }), {
    BURNDOWN_ADMINS: LEAD,
  });
  ctx.h = h;
  const view = await adoptAndOpenEdit(h);
  const { refused, saved } = await save(h, view, { poc: null, managers: [] });
  assert.is(refused, '', 'no field error asks for a new point of contact');
  assert.match(saved, 'Saved on GitHub');
  assert.is(onGitHub(h)?.description, 'Only the words changed');
  assert.equal(managersOnGitHub(h), ['dev-a']);
  const form = JSON.stringify(view.view.blocks);
  assert.match(form, 'The point of contact on GitHub is `dev-a`');
  assert.match(form, 'Leave this empty to keep');
});

t('adding a manager keeps the ones the form could not show', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub({ managers: ['kim-lead', 'dev-a'] }));
  ctx.h = h;
  const view = await adoptAndOpenEdit(h);
  const { saved } = await save(h, view, { poc: LEAD, managers: [DEV] });
  assert.match(saved, 'Saved on GitHub');
  assert.equal(managersOnGitHub(h), ['kim-lead', 'dev-b', 'dev-a']);
});

t('picking a point of contact keeps the unlinked one as a manager', async (ctx) => {
  const h = await campaignHarness(madeOnGitHub({ managers: ['dev-a'] }), {
    BURNDOWN_ADMINS: LEAD,
  });
  ctx.h = h;
  const view = await adoptAndOpenEdit(h);
  const { saved } = await save(h, view, { poc: LEAD, managers: [] });
  assert.match(saved, 'Saved on GitHub');
  assert.equal(managersOnGitHub(h), ['kim-lead', 'dev-a']);
});

t('clearing the contact link clears it on GitHub and on the card', async (ctx) => {
  const link = 'https://wiki.example.com/made-on-github';
  const h = await campaignHarness(madeOnGitHub({ contactLink: link }));
  ctx.h = h;
  const view = await adoptAndOpenEdit(h);
  const c = await h.bot.ctx.repos.campaigns.getByNumber(3);
  const card = () =>
    JSON.stringify(
      h.slack.state.channels.get(c?.channelId ?? '')?.messages.find((m) => m.ts === c?.cardTs)
        ?.blocks,
    );
  assert.match(card(), 'campaign_card_link:contact', 'the card has a Contact button at first');

  const { saved } = await save(h, view, { poc: LEAD, contact: null });
  assert.match(saved, 'Saved on GitHub');
  assert.is(updates(h).at(-1)?.contact_link, null, 'null is what GitHub takes to clear it');
  assert.is(onGitHub(h)?.contact_link, null);
  assert.is((await h.bot.ctx.repos.campaigns.getByNumber(3))?.contactLink, undefined);
  assert.not.match(card(), 'campaign_card_link:contact', 'the Contact button is gone');
});

t('a contact link left as it was is not sent again', async (ctx) => {
  const link = 'https://wiki.example.com/made-on-github';
  const h = await campaignHarness(madeOnGitHub({ contactLink: link }));
  ctx.h = h;
  const view = await adoptAndOpenEdit(h);
  const { saved } = await save(h, view, { poc: LEAD, contact: link });
  assert.match(saved, 'Saved on GitHub');
  assert.not.ok('contact_link' in (updates(h).at(-1) ?? {}));
  assert.is(onGitHub(h)?.contact_link, link);
});

t.run();
