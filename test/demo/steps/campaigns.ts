// Campaigns in the tour: Kim creates one from a template (loading modal, scope preview,
// publish), then the channel, its topic, the pinned card, the intro DMs and `/campaign show`.
import { tokenStore } from '../../../src/identity/authorize.ts';
import { formState, submit } from '../../campaigns/campaign-kit.ts';
import { waitFor } from '../../helpers/harness.ts';
import { renderBlocks } from '../render.ts';
import type { Tour, TourStep } from '../tour-kit.ts';

type Block = Record<string, unknown>;

function printView(t: Tour, label: string, view: { blocks?: unknown }): void {
  t.say(`${label}:`);
  for (const line of renderBlocks((view.blocks ?? []) as Block[], t.names)) {
    for (const part of line.split('\n')) t.say(`    ${part}`);
  }
}

async function kimSignedIn(t: Tour): Promise<void> {
  const kim = t.person('kim-lead');
  const linkedAt = new Date().toISOString();
  await t.h.bot.ctx.repos.identities.link(
    { slackUserId: kim.slack, githubLogin: kim.login, source: 'signed-in', linkedAt },
    { force: true },
  );
  await tokenStore(t.h.bot.ctx).put(kim.slack, {
    login: kim.login,
    accessToken: `tok-${kim.login}`,
  });
  t.say(`${kim.name} signed in with GitHub earlier (the same device flow as above).`);
}

export const leadCreatesCampaign: TourStep = {
  title: 'A security lead creates a campaign from a template and publishes it',
  async run(t) {
    await kimSignedIn(t);
    const kim = t.person('kim-lead');
    const updates = t.h.slack.callsTo('views.update').length;
    await t.command(kim.slack, 'new');
    const opened = t.h.slack.callsTo('views.open').at(-1)?.args as { view: { blocks: unknown } };
    printView(t, 'A modal opens at once', opened.view);
    await waitFor(() => t.h.slack.callsTo('views.update').length > updates, 10_000, 'the form');
    const view = [...t.h.slack.state.views.values()].at(-1);
    if (!view) throw new Error('no modal');
    const values = {
      template: 'code-cwe-89',
      name: 'SQL injection (CWE-89): payments & billing',
      description: 'Parameterise every SQL query built from user input before the PCI audit.',
      due: '2027-02-26',
      poc: kim.slack,
    };
    t.say('Kim picks the template "SQL injection (CWE-89)"; the preview counts the alerts:');
    const { showForm } = await import('../../../src/slack/views/show-form.ts');
    const { readForm, decodeMeta } = await import('../../../src/slack/views/campaign-form.ts');
    const meta = decodeMeta(String(view.view.private_metadata));
    if (!meta) throw new Error('no form metadata');
    await showForm(t.h.bot.ctx, {
      viewId: view.id,
      form: readForm(formState(values) as never),
      meta,
    });
    const preview = ((t.h.slack.state.views.get(view.id)?.view.blocks ?? []) as Block[]).filter(
      (b) => b.block_id === 'preview',
    );
    printView(t, 'Scope preview', { blocks: preview });
    t.say('Kim fills in the name, description, due date and point of contact, and submits.');
    await submit(t.h, view, values, kim.slack);
    const done = await waitFor(
      async () => (await t.h.bot.ctx.repos.campaigns.list()).find((c) => c.setup?.invited),
      10_000,
      'the campaign channel',
    );
    await waitFor(
      () =>
        t.h.slack.callsTo('views.update').some((u) => /pinned there/.test(JSON.stringify(u.args))),
      10_000,
      'the final modal',
    );
    const final = t.h.slack.state.views.get(view.id)?.view ?? {};
    printView(t, 'The modal now says', final);
    const channel = t.h.slack.state.channels.get(done.channelId ?? '');
    t.say(`Private channel #${channel?.name} (private: ${channel?.is_private})`);
    t.say(`Topic: ${channel?.topic}`);
    t.say(`Bookmark: ${channel?.bookmarks[0]?.title} → ${channel?.bookmarks[0]?.link}`);
    t.showNew(done.channelId ?? '', 'Pinned card in the channel');
  },
};

export const developersGetIntroDms: TourStep = {
  title: 'Developers with assigned alerts in the campaign get one intro DM',
  async run(t) {
    let shown = 0;
    for (const login of ['alex-dev', 'priya-dev', 'jordan-dev', 'sam-dev'] as const) {
      shown += t.showDms(t.person(login).slack);
    }
    if (shown === 0) t.say('(No developer had alerts assigned in this campaign yet.)');
  },
};

export const leadShowsCampaign: TourStep = {
  title: 'The lead looks at the campaign with /campaign show',
  async run(t) {
    const kim = t.person('kim-lead');
    const mine = (await t.h.bot.ctx.repos.campaigns.list()).find((x) => x.createdBy === kim.slack);
    await t.command(kim.slack, `show ${mine?.number ?? ''}`);
  },
};
