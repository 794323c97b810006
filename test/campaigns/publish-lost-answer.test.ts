// Publishing when GitHub's answer to the create is lost (a 502 from a proxy, a timeout):
// GitHub may have made the campaign anyway, so the person is not told "nothing was created",
// and submitting again looks for it before creating another.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { makeCampaign } from '../doubles/github/index.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { baseOrg, campaignHarness, openNew, submit } from './campaign-kit.ts';

const t = suite<{ h: Harness; skewMs: number }>('campaign publish, lost answer', {
  skewMs: 0,
} as { h: Harness; skewMs: number });

t.before.each(async (ctx) => {
  ctx.skewMs = 0;
  // The bot's clock runs ahead by `skewMs`: the person comes back later to submit again.
  ctx.h = await campaignHarness(baseOrg(), {}, { now: () => new Date(Date.now() + ctx.skewMs) });
});

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

const NAME = 'Lost in transit';
const LATER_MS = 5 * 60_000;

const modalTexts = (h: Harness) =>
  h.slack.callsTo('views.update').map((u) => JSON.stringify(u.args));

function onGitHub(h: Harness) {
  return (h.github.state.orgs.acme?.campaigns ?? []).filter((c) => c.summary.name === NAME);
}

/** GitHub makes the campaign, then the answer is lost on the way back: a 502. */
function createThenFail(h: Harness) {
  let fired = false;
  h.github.failNext(
    (info) => {
      if (fired || info.operationId !== 'campaigns/create-campaign') return false;
      fired = true;
      const org = h.github.state.orgs.acme;
      if (!org) throw new Error('acme not seeded');
      const summary = makeCampaign({
        number: org.nextCampaignNumber++,
        name: NAME,
        managers: ['kim-lead'],
        createdAt: new Date().toISOString(),
        endsAt: '2099-03-01T23:59:59Z',
      });
      org.campaigns.push({ summary, codeAlerts: [] });
      return true;
    },
    { status: 502 },
  );
}

async function lostAnswer(h: Harness): Promise<string> {
  return waitFor(
    () => modalTexts(h).find((v) => v.includes('answer did not arrive')),
    10_000,
    'the form back with the lost answer explained',
  );
}

async function submitAgainAndPublish(h: Harness, viewId: string) {
  const view = h.slack.state.views.get(viewId);
  if (!view) throw new Error('the modal is gone');
  await submit(h, view, { name: NAME });
  return waitFor(
    async () => {
      const [c] = await h.bot.ctx.repos.campaigns.list();
      return c?.number !== undefined && modalTexts(h).some((v) => v.includes('pinned there'))
        ? c
        : undefined;
    },
    15_000,
    'the published campaign',
  );
}

t(
  'a 502 after GitHub made the campaign: submitting again later finds it, not a twin',
  async (ctx) => {
    const { h } = ctx;
    const view = await openNew(h);
    createThenFail(h);
    await submit(h, view, { name: NAME });
    const shown = await lostAnswer(h);
    assert.not.match(shown, 'Nothing was created');
    assert.match(shown, 'cannot tell whether the campaign was created');
    assert.match(shown, 'Submit again: Burndown checks GitHub first');
    assert.match(shown, 'campaign_form:name', 'the form, to submit again');
    assert.is(onGitHub(h).length, 1, 'GitHub made it once; the failed create is not repeated');
    const kept = (await h.bot.ctx.repos.campaigns.list())[0];
    assert.is(kept?.state, 'draft');

    ctx.skewMs = LATER_MS;
    const c = await submitAgainAndPublish(h, view.id);
    assert.is(onGitHub(h).length, 1, 'still one campaign on GitHub');
    assert.is(c.number, onGitHub(h)[0]?.summary.number);
    const creates = h.github.requests.filter((r) => r.operationId === 'campaigns/create-campaign');
    assert.is(creates.length, 1, 'the second submission did not create');
  },
);

t('a 502 before GitHub made anything: submitting again creates it once', async (ctx) => {
  const { h } = ctx;
  const view = await openNew(h);
  h.github.failNext({ operationId: 'campaigns/create-campaign' }, { status: 502 });
  await submit(h, view, { name: NAME });
  await lostAnswer(h);
  assert.is(onGitHub(h).length, 0);

  ctx.skewMs = LATER_MS;
  const c = await submitAgainAndPublish(h, view.id);
  assert.is(onGitHub(h).length, 1);
  assert.is(c.number, onGitHub(h)[0]?.summary.number);
});

t('a refusal from GitHub still says nothing was created', async ({ h }) => {
  const view = await openNew(h);
  h.github.failNext({ operationId: 'campaigns/create-campaign' }, { status: 403 });
  await submit(h, view, { name: NAME });
  const shown = await waitFor(
    () => modalTexts(h).find((v) => v.includes('Nothing was created')),
    10_000,
    'the refusal in the modal',
  );
  assert.match(shown, 'Could not publish the campaign on GitHub');
  assert.not.match(shown, 'answer did not arrive');
  assert.is(onGitHub(h).length, 0);
  const [draft] = await h.bot.ctx.repos.campaigns.list();
  assert.is(draft?.state, 'draft');
  assert.is(draft?.publishStartedAt, undefined, 'the next submission starts afresh');
});

t.run();
