import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  click,
  codeAlert,
  current,
  modalFor,
  PEOPLE,
  postAlert,
  seedActions,
  submit,
} from '../actions/action-kit.ts';
import { type Harness, startHarness, waitFor } from '../helpers/harness.ts';
import { plainTextState, staticSelectState } from '../helpers/slack-payloads.ts';

const t = suite<{ h: Harness }>('/campaign audit', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ env: { BURNDOWN_ADMINS: 'U0CAROL' } });
  await seedActions(ctx.h);
  // One real action: Bob dismisses with a comment that needs escaping in CSV.
  const posted = await postAlert(ctx.h, PEOPLE.bob.slack, codeAlert(ctx.h, 2));
  const { triggerId } = await click(ctx.h, PEOPLE.bob.slack, posted, 'alert:dismiss');
  await submit(ctx.h, PEOPLE.bob.slack, await modalFor(ctx.h, triggerId), {
    reason: { reason: staticSelectState('false_positive') },
    comment: { comment: plainTextState('Constant, "safe", input') },
  });
  await waitFor(() => current(ctx.h, posted).edits.length > 0, 3000, 'the dismissal');
});

t.after.each(async ({ h }) => {
  h.github.assertNoViolations();
  assert.equal(
    h.slack.violations.filter((v) => v.rejected),
    [],
  );
  await h.close();
});

t('the point of contact sees who did what, by campaign number or name', async ({ h }) => {
  for (const name of ['1', '"critical sql injection"']) {
    const { responses } = await h.command(`audit ${name}`, { user: PEOPLE.lead.slack });
    const reply = responses[0] as { text: string; blocks: unknown[]; response_type: string };
    assert.is(reply.response_type, 'ephemeral');
    assert.match(reply.text, 'Critical SQL injection: 1 entry');
    const shown = JSON.stringify(reply.blocks);
    assert.match(shown, '<@U0BOB> (dev-b)');
    assert.match(shown, '*dismiss* acme/payments#2');
    assert.match(shown, 'false positive');
    assert.match(shown, ':white_check_mark: ok');
  }
});

t('someone who does not manage the campaign is refused', async ({ h }) => {
  const { responses } = await h.command('audit 1', { user: PEOPLE.bob.slack });
  const reply = responses[0] as { text: string };
  assert.match(reply.text, 'Only the managers of Critical SQL injection');
  assert.not.match(reply.text, 'dev-b');
});

t('csv export arrives as a file in the person’s DM with escaped cells', async ({ h }) => {
  const { responses } = await h.command('audit 1 csv', { user: PEOPLE.lead.slack });
  assert.match((responses[0] as { text: string }).text, 'to your DM as CSV');
  const file = [...h.slack.state.files.values()].find((f) => f.name.endsWith('.csv'));
  assert.ok(file?.completed);
  const dm = [...h.slack.state.channels.values()].find((c) => c.is_im && c.user === 'U0ALICE');
  assert.equal(file?.channels, [dm?.id]);
  const csv = file?.bytes?.toString('utf8') ?? '';
  assert.match(csv, /^at,slackUserId,githubLogin/);
  assert.match(csv, ',U0BOB,dev-b,acme/payments,2,');
  assert.match(csv, '"Constant, ""safe"", input"');
});

t('json lines export holds one entry per line', async ({ h }) => {
  await h.command('audit 1 jsonl', { user: PEOPLE.lead.slack });
  const file = [...h.slack.state.files.values()].find((f) => f.name.endsWith('.jsonl'));
  const lines = (file?.bytes?.toString('utf8') ?? '').trimEnd().split('\n');
  assert.is(lines.length, 1);
  assert.is(JSON.parse(lines[0] ?? '{}').comment, 'Constant, "safe", input');
});

t('the global log is for admins only, and a missing campaign gets usage', async ({ h }) => {
  const refused = await h.command('audit all', { user: PEOPLE.lead.slack });
  assert.match((refused.responses[0] as { text: string }).text, 'Only Burndown admins');
  const admin = await h.command('audit all', { user: PEOPLE.carol.slack });
  assert.match((admin.responses[0] as { text: string }).text, 'all campaigns: 1 entry');
  const missing = await h.command('audit nope', { user: PEOPLE.lead.slack });
  assert.match((missing.responses[0] as { text: string }).text, '/campaign audit <campaign');
});

t('a name several campaigns share asks for the number, as other subcommands do', async ({ h }) => {
  const first = await h.bot.ctx.repos.campaigns.get('camp-sqli');
  if (!first) throw new Error('campaign not seeded');
  await h.bot.ctx.repos.campaigns.save({
    ...first,
    id: 'camp-xss',
    number: 2,
    name: 'Critical XSS',
  });
  const { responses } = await h.command('audit critical', { user: PEOPLE.lead.slack });
  const text = (responses[0] as { text: string }).text;
  assert.match(text, '2 campaigns match; use the number');
  assert.not.match(text, 'No campaign');
  const shown = await h.command('show critical', { user: PEOPLE.lead.slack });
  assert.match(JSON.stringify(shown.responses[0]), '2 campaigns match; use the number');
  // With the number it is found, and an export format after the name still works.
  const csv = await h.command('audit 2 csv', { user: PEOPLE.lead.slack });
  assert.match((csv.responses[0] as { text: string }).text, 'Critical XSS (0) to your DM as CSV');
});

t.run();
