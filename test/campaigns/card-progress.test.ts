// The pinned card and the digest describe the same campaign on the same day: they must give
// the same total and the same share done, with alerts in progress counted as the digest does.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Harness, ORG, waitFor } from '../helpers/harness.ts';
import { baseOrg, campaignHarness, LEAD } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('campaign card progress', {} as { h: Harness });

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

const replyText = (r: { responses: Record<string, unknown>[] }) => JSON.stringify(r.responses);

/** Campaign #3 on GitHub: 1 open, 1 in progress (a linked pull request), 2 fixed. */
async function halfDone(): Promise<Harness> {
  const seeded = baseOrg({
    campaigns: [
      {
        number: 3,
        name: 'Made on GitHub',
        managers: ['kim-lead'],
        endsAt: '2099-01-01T00:00:00Z',
        codeAlerts: [
          { repo: 'payments', numbers: [1, 2] },
          { repo: 'web', numbers: [1, 2] },
        ],
      },
    ],
  });
  for (const a of seeded.codeAlerts ?? []) {
    if (a.repo === 'web') a.state = 'fixed';
  }
  const h = await campaignHarness(seeded);
  const payments = h.github.state.repos[`${ORG}/payments`];
  const alert = payments?.codeAlerts.find((a) => a.number === 1) as
    | { linked_pull_requests: unknown[] }
    | undefined;
  if (!alert) throw new Error('payments#1 not seeded');
  alert.linked_pull_requests = [
    { number: 12, html_url: 'https://github.com/acme/payments/pull/12' },
  ];
  return h;
}

t('the card and the digest give the same share done when alerts are in progress', async (ctx) => {
  const h = await halfDone();
  ctx.h = h;
  assert.match(replyText(await h.command('adopt 3', { user: LEAD })), 'now has its channel');
  const c = await h.bot.ctx.repos.campaigns.getByNumber(3);
  const card = JSON.stringify(
    h.slack.state.channels.get(c?.channelId ?? '')?.messages.find((m) => m.ts === c?.cardTs)
      ?.blocks,
  );
  // 2 closed of 4 alerts: not 2 of 3, as if the one in progress were not there.
  assert.match(card, '*50%* · 2/4 closed · 1 open · 1 in progress');

  const shown = replyText(await h.command('show 3', { user: LEAD }));
  assert.match(shown, '*50%* · 2/4 closed · 1 open · 1 in progress');

  const listed = replyText(await h.command('list', { user: LEAD }));
  assert.match(listed, '50% · 2/4 closed · 1 open · 1 in progress');

  await h.command('digest 3', { user: LEAD });
  const digest = await waitFor(
    () => h.slack.responses().find((r) => /% done/.test(JSON.stringify(r))),
    3000,
    'the private digest',
  );
  assert.match(JSON.stringify(digest), '*50% done* · 2 of 4 closed');
  assert.match(JSON.stringify(digest), 'In progress *1*');
});

t.run();
