// Digest steps of the tour: the scheduled digest in a campaign channel (with the chart it
// uploads written to a file), a developer's private digest, and the App Home tab.
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CampaignRecord } from '../../../src/domain/campaign.ts';
import { runJob } from '../../../src/jobs/scheduler.ts';
import { click, current } from '../../actions/action-kit.ts';
import { SIGNING_SECRET, waitFor } from '../../helpers/harness.ts';
import { eventBody, postToSlackEndpoint, signedSlackRequest } from '../../helpers/sign-slack.ts';
import { renderMessage } from '../render.ts';
import type { Tour, TourStep } from '../tour-kit.ts';
import { signedIn } from './actions.ts';

/** A campaign with a channel: the one the tour created, or one made here from GitHub's #1. */
async function campaignWithChannel(t: Tour): Promise<CampaignRecord> {
  const ctx = t.h.bot.ctx;
  const found = (await ctx.repos.campaigns.list()).find((c) => c.state === 'open' && c.channelId);
  if (found) return found;
  const org = t.h.github.state.orgs[t.h.config.GITHUB_ORG]!;
  const gh = org.campaigns[0]!;
  const members = gh.codeAlerts.flatMap((ref) => {
    const repo = Object.values(t.h.github.state.repos).find((r) => r.repo.id === ref.repository_id);
    return ref.alert_numbers.map((number) => ({
      repoId: ref.repository_id,
      repo: repo?.repo.full_name ?? '',
      number,
    }));
  });
  const made = await ctx.slack.conversations.create({ name: 'campaign-demo', is_private: true });
  const record: CampaignRecord = {
    id: `demo-${gh.summary.number}`,
    number: gh.summary.number,
    kind: 'code',
    state: 'open',
    name: gh.summary.name as string,
    description: String(gh.summary.description ?? ''),
    endsAt: gh.summary.ends_at as string,
    managers: ['mona-sec'],
    teamManagers: [],
    members,
    channelId: made.channel?.id,
    createdAt: gh.summary.created_at as string,
    updatedAt: gh.summary.updated_at as string,
  };
  await ctx.repos.campaigns.save(record);
  t.say(`(No campaign channel yet; the tour made ${record.name} with a private channel.)`);
  return record;
}

export const scheduledDigest: TourStep = {
  title: 'The morning digest lands in the campaign channel, with its burndown chart',
  async run(t) {
    const campaign = await campaignWithChannel(t);
    const channel = campaign.channelId!;
    t.showNew(channel, 'Earlier in the campaign channel');
    const job = t.h.bot.jobs.find((j) => j.name === 'digest')!;
    t.say(`DIGEST_CRON (${t.h.config.DIGEST_CRON}) fires; Burndown takes the lock and posts.`);
    await runJob(t.h.bot.ctx, job);
    t.showNew(channel, 'The campaign channel');
    const file = [...t.h.slack.state.files.values()]
      .filter((f) => f.bytes && f.title?.includes(campaign.name))
      .at(-1);
    if (file?.bytes) {
      const path = join(tmpdir(), `burndown-${campaign.id}-${file.name}`);
      await writeFile(path, file.bytes);
      t.say(`The chart uploaded in the thread (${file.bytes.length} bytes) is saved at ${path}`);
    }
    t.say('A second replica fires too; it edits the same digest instead of posting again.');
    await runJob(t.h.bot.ctx, job);
    const digests = t.h.slack.messagesIn(channel).filter((m) => m.text.startsWith('Digest for'));
    t.say(
      `Digest messages in the channel: ${digests.length}, edited ${digests[0]?.edits.length}×.`,
    );
    t.showNew(channel, 'The campaign channel');
    await takeOneFromThread(t, channel);
  },
};

/** A developer takes the oldest unassigned alert from the digest's thread. */
async function takeOneFromThread(t: Tour, channel: string) {
  const grabs = t.h.slack.messagesIn(channel).find((m) => m.text.includes('up for grabs'));
  if (!grabs) return;
  const jordan = t.person('jordan-dev');
  await signedIn(t, jordan);
  const posted = { channel, ts: grabs.ts, text: grabs.text, blocks: grabs.blocks as never };
  t.say(
    `${jordan.name} (signed in earlier) clicks “Assign to me” on the first alert up for grabs.`,
  );
  const edits = current(t.h, posted).edits.length;
  await click(t.h, jordan.slack, posted, 'alert:assign_me');
  await waitFor(() => current(t.h, posted).edits.length > edits, 15_000, 'the assignment');
  const write = t.h.github.writes().find((w) => w.login === jordan.login);
  t.say(`GitHub received, with ${jordan.login}'s own token: ${JSON.stringify(write?.body)}`);
  t.say('The thread message now reads, for everyone in the channel:');
  console.log(renderMessage(current(t.h, posted), t.names));
}

export const privateDigest: TourStep = {
  title: 'A developer asks for the digest privately',
  async run(t) {
    const campaign = await campaignWithChannel(t);
    const ref = campaign.number ? `#${campaign.number}` : `"${campaign.name}"`;
    await t.command(t.person('priya-dev').slack, `digest ${ref}`);
  },
};

export const appHome: TourStep = {
  title: 'A developer opens Burndown’s Home tab',
  async run(t) {
    const alex = t.person('alex-dev').slack;
    const event = { type: 'app_home_opened', user: alex, channel: 'D0HOME', tab: 'home' };
    const body = eventBody({ ...event, event_ts: `${Date.now() / 1000}` });
    await postToSlackEndpoint(t.h.url, signedSlackRequest(body, SIGNING_SECRET));
    for (let i = 0; i < 100 && !t.h.slack.state.homes.get(alex); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const home = t.h.slack.state.homes.get(alex)?.view as { blocks?: unknown[] } | undefined;
    const headers = (home?.blocks ?? [])
      .map((b) => b as { type: string; text?: { text: string } })
      .filter((b) => b.type === 'header')
      .map((b) => b.text?.text);
    t.say(`Home tab published with ${home?.blocks?.length ?? 0} blocks: ${headers.join(' / ')}`);
  },
};
