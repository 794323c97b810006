import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { startDigestHarness } from '../digest/digest-fixture.ts';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { eventBody, postToSlackEndpoint, signedSlackRequest } from '../helpers/sign-slack.ts';

const t = suite<{ h: Harness }>('App Home', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startDigestHarness();
});

t.after.each(async ({ h }) => {
  try {
    assert.equal(
      h.slack.violations.filter((v) => v.rejected),
      [],
    );
  } finally {
    await h.close();
  }
});

async function openHome(h: Harness, user: string) {
  const event = { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1.2' };
  await postToSlackEndpoint(h.url, signedSlackRequest(eventBody(event), 'test-signing-secret'));
  const home = await waitFor(() => h.slack.state.homes.get(user), 3000, 'the home tab');
  return home.view as { type: string; blocks: Record<string, unknown>[] };
}

const assignedTo = (h: Harness, login: string) =>
  Object.values(h.github.state.repos)
    .flatMap((r) => r.codeAlerts)
    .filter((a) => a.state === 'open')
    .filter((a) => (a.assignees as { login: string }[]).some((u) => u.login === login));

t('shows a developer the open alerts assigned to them with buttons to open each', async ({ h }) => {
  const view = await openHome(h, 'U0BOB');
  const mine = assignedTo(h, 'dev-b');
  const text = JSON.stringify(view.blocks);
  assert.is(view.type, 'home');
  assert.ok(view.blocks.length <= 100);
  assert.match(text, `Assigned to you (${mine.length})`);
  assert.match(text, 'due *2027-03-01*');
  const buttons = view.blocks
    .map((b) => b.accessory as { url?: string; action_id?: string } | undefined)
    .filter((a) => a?.url);
  assert.is(buttons.length, Math.min(mine.length, 50));
  assert.ok(buttons.every((b) => b?.action_id?.startsWith('alert:open:')));
  assert.ok(buttons.every((b) => mine.some((a) => a.html_url === b?.url)));
  assert.not.match(text, 'Campaigns you manage');
});

t('shows a manager the campaigns they manage with progress', async ({ h }) => {
  const view = await openHome(h, 'U0ALICE');
  const text = JSON.stringify(view.blocks);
  assert.match(text, 'Campaigns you manage (1)');
  assert.match(text, 'SQL injection &lt;b&gt;burn&lt;/b&gt;');
  assert.match(text, '5% done · 250 open');
  assert.match(text, 'Assigned to you (0)');
});

t('asks a person Burndown cannot match to link their GitHub account', async ({ h }) => {
  const view = await openHome(h, 'U0CAROL');
  assert.match(JSON.stringify(view.blocks), '/campaign link');
});

t('without sign-in set up, an unmatched person is pointed at an admin instead', async (ctx) => {
  await ctx.h.close();
  ctx.h = await startDigestHarness({
    env: { GITHUB_APP_CLIENT_ID: '', BURNDOWN_ADMINS: 'U0ALICE' },
  });
  const text = JSON.stringify((await openHome(ctx.h, 'U0CAROL')).blocks);
  assert.match(text, '/campaign map <@U0CAROL>');
  assert.match(text, '<@U0ALICE>');
  assert.not.match(text, '/campaign link');
});

t.run();
