import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type Harness, waitFor } from '../helpers/harness.ts';
import { blockActionsPayload, SLACK_IDS, slackView } from '../helpers/slack-payloads.ts';
import { campaignHarness, formState, LEAD, openNew } from './campaign-kit.ts';

const t = suite<{ h: Harness }>('campaign modal', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await campaignHarness();
});

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

type Block = { type: string; block_id?: string; text?: { text?: string } };
const blocksOf = (view: { view: Record<string, unknown> }) => view.view.blocks as Block[];

t('the modal opens at once with a loading view, then shows the form and preview', async ({ h }) => {
  const view = await openNew(h);
  const opened = h.slack.callsTo('views.open')[0]?.args as { view: { blocks: Block[] } };
  assert.match(JSON.stringify(opened.view.blocks), 'Loading templates');
  const blocks = blocksOf(view);
  const preview = blocks.find((b) => b.block_id === 'preview');
  assert.match(preview?.text?.text ?? '', '2 alerts in 2 repositories', JSON.stringify(preview));
  assert.match(preview?.text?.text ?? '', 'Autofix-eligible');
  assert.ok(
    blocks.some((b) => b.block_id === 'issues'),
    'code campaigns offer tracking issues',
  );
  assert.ok(blocks.some((b) => b.block_id === 'poc'));
});

t('switching to secret scanning reshapes the form without tracking issues', async ({ h }) => {
  const view = await openNew(h);
  const before = h.slack.callsTo('views.update').length;
  await h.interact(
    blockActionsPayload({
      source: 'view',
      user: { id: LEAD },
      action: {
        type: 'radio_buttons',
        action_id: 'campaign_form:kind',
        block_id: 'kind',
        selected_option: { text: { type: 'plain_text', text: 'secret' }, value: 'secret' },
        action_ts: '1.1',
      },
      view: {
        id: view.id,
        hash: view.hash,
        private_metadata: String(view.view.private_metadata),
        values: formState({ kind: 'secret' }),
      },
    }),
  );
  await waitFor(() => h.slack.callsTo('views.update').length > before, 5000, 'the new form');
  const updated = h.slack.state.views.get(view.id);
  const blocks = updated ? blocksOf(updated) : [];
  assert.not.ok(blocks.some((b) => b.block_id === 'issues'));
  const template = JSON.stringify(blocks.find((b) => b.block_id === 'template'));
  assert.match(template, 'Secrets that still work');
  assert.not.match(template, 'Critical severity');
  assert.not.match(JSON.stringify(blocks), 'Autofix-eligible');
});

t('the repository field searches the organization', async ({ h }) => {
  const view = await openNew(h);
  const payload = {
    type: 'block_suggestion',
    user: { id: LEAD, username: 'alice', name: 'alice', team_id: SLACK_IDS.team },
    container: { type: 'view', view_id: view.id },
    api_app_id: SLACK_IDS.app,
    token: SLACK_IDS.verificationToken,
    action_id: 'campaign_form:f_repos',
    block_id: 'f_repos',
    value: 'pay',
    team: { id: SLACK_IDS.team, domain: SLACK_IDS.teamDomain },
    view: slackView({ id: view.id }),
  };
  const res = await h.interact(payload);
  const options = (res.body as { options: { text: { text: string } }[] }).options;
  assert.equal(
    options.map((o) => o.text.text),
    ['acme/payments'],
  );
});

t.run();
