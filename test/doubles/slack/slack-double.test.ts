import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  allSlackCalls,
  allTextSentTo,
  checkMessage,
  checkView,
  DEFAULT_TOKEN,
  type SlackDouble,
  startSlackDouble,
} from './index.ts';

let double: SlackDouble;

// The SDK logs Slack's refusal messages; the assertions below already cover them.
const quiet: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function client(token = DEFAULT_TOKEN, retries = 0): WebClient {
  return new WebClient(token, {
    slackApiUrl: double.url,
    retryConfig: { retries, minTimeout: 0, maxTimeout: 0 },
    logger: quiet,
  });
}

/** The Slack error code a call fails with. */
async function slackError(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    if (error instanceof WebAPIPlatformError) return error.data.error;
    throw error;
  }
  throw new Error('the call succeeded');
}

const section = (text: string) => ({
  type: 'section' as const,
  text: { type: 'mrkdwn' as const, text },
});
const plain = (text: string) => ({ type: 'plain_text' as const, text });
const modal = (title: string, extra: Record<string, unknown> = {}) => ({
  type: 'modal' as const,
  title: plain(title),
  blocks: [section('hello')],
  ...extra,
});

test.before(async () => {
  double = await startSlackDouble();
});
test.before.each(() => double.reset());
test.after(() => double.close());

test('url is a local /api/ base and auth.test names the bot and scopes', async () => {
  assert.match(double.url, /^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  const res = await client().auth.test();
  assert.is(res.user_id, double.state.bot.user_id);
  assert.ok(res.response_metadata?.scopes?.includes('chat:write'));
});

test('missing and wrong tokens give not_authed and invalid_auth', async () => {
  const anonymous = new WebClient(undefined, { slackApiUrl: double.url, logger: quiet });
  assert.is(await slackError(anonymous.auth.test()), 'not_authed');
  assert.is(await slackError(client('xoxb-wrong').auth.test()), 'invalid_auth');
  assert.is(double.calls[1]?.token, 'xoxb-wrong');
});

test('unknown methods give unknown_method', async () => {
  assert.is(await slackError(client().apiCall('chat.teleport', {})), 'unknown_method');
});

test('a scope the token lacks gives missing_scope', async () => {
  double.setScopes(['chat:write']);
  const res = await client().auth.test();
  assert.equal(res.response_metadata?.scopes, ['chat:write']);
  assert.is(await slackError(client().users.info({ user: 'U0BOB' })), 'missing_scope');
});

test('51 blocks are rejected with invalid_blocks and recorded', async () => {
  const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
  const call = client().chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks });
  assert.is(await slackError(call), 'invalid_blocks');
  const response = double.callsTo('chat.postMessage')[0]?.response;
  const meta = response?.response_metadata as { messages: string[] };
  assert.match(meta.messages[0] ?? '', 'no more than 50 items allowed');
  assert.ok(double.violations.some((v) => v.rejected && v.path === '/blocks'));
  assert.equal(double.messages, {});
});

test('a 3001-character section is rejected', async () => {
  const blocks = [section('a'.repeat(3001))];
  const call = client().chat.postMessage({ channel: 'C0GENERAL', text: 'x', blocks });
  assert.is(await slackError(call), 'invalid_blocks');
  assert.is(double.violations[0]?.path, '/blocks/0/text/text');
});

test('blocks without a top-level text are posted but recorded as a violation', async () => {
  await client().chat.postMessage({ channel: 'C0GENERAL', blocks: [section('hi')] });
  assert.is(double.messagesIn('C0GENERAL').length, 1);
  const v = double.violations[0];
  assert.is(v?.code, 'missing_text_fallback');
  assert.is(v?.rejected, false);
});

test('a user id as channel posts into the DM and returns the D id', async () => {
  const res = await client().chat.postMessage({ channel: 'U0BOB', text: 'your alerts' });
  assert.match(String(res.channel), /^D/);
  assert.is(double.messagesIn('U0BOB')[0]?.text, 'your alerts');
  const open = await client().conversations.open({ users: 'U0BOB' });
  assert.is(open.channel?.id, res.channel);
});

test('chat.update rejects a U id and edits by conversation id', async () => {
  const posted = await client().chat.postMessage({ channel: 'U0BOB', text: 'v1' });
  const byUser = client().chat.update({ channel: 'U0BOB', ts: String(posted.ts), text: 'v2' });
  assert.is(await slackError(byUser), 'channel_not_found');
  await client().chat.update({
    channel: String(posted.channel),
    ts: String(posted.ts),
    text: 'v2',
  });
  const [message] = double.messagesIn('U0BOB');
  assert.is(message?.text, 'v2');
  assert.is(message?.edits[0]?.text, 'v1');
  const missing = client().chat.update({ channel: String(posted.channel), ts: '1.2', text: 'x' });
  assert.is(await slackError(missing), 'message_not_found');
});

test('a second create with the same name gives name_taken, archived names too', async () => {
  const res = await client().conversations.create({ name: 'burndown-q3' });
  assert.is(res.channel?.name, 'burndown-q3');
  assert.is(await slackError(client().conversations.create({ name: 'burndown-q3' })), 'name_taken');
  const archived = client().conversations.create({ name: 'old-campaign' });
  assert.is(await slackError(archived), 'name_taken');
  const upper = client().conversations.create({ name: 'Burndown' });
  assert.is(await slackError(upper), 'invalid_name_specials');
  const long = client().conversations.create({ name: 'a'.repeat(81) });
  assert.is(await slackError(long), 'invalid_name_maxlength');
});

test('topic, invite, pin and bookmark enforce their limits', async () => {
  const { channel } = await client().conversations.create({ name: 'camp', is_private: true });
  const id = String(channel?.id);
  const topic = client().conversations.setTopic({ channel: id, topic: 't'.repeat(251) });
  assert.is(await slackError(topic), 'too_long');
  await client().conversations.invite({ channel: id, users: 'U0BOB,U0CAROL' });
  const again = client().conversations.invite({ channel: id, users: 'U0BOB' });
  assert.is(await slackError(again), 'already_in_channel');
  const ghost = client().conversations.invite({ channel: id, users: 'U0NOBODY' });
  assert.is(await slackError(ghost), 'user_not_found');
  const { ts } = await client().chat.postMessage({ channel: id, text: 'card' });
  await client().pins.add({ channel: id, timestamp: String(ts) });
  assert.is(
    await slackError(client().pins.add({ channel: id, timestamp: String(ts) })),
    'already_pinned',
  );
  await client().bookmarks.add({
    channel_id: id,
    title: 'Board',
    type: 'link',
    link: 'https://x.test',
  });
  assert.is(double.state.channels.get(id)?.bookmarks[0]?.title, 'Board');
  assert.is(
    await slackError(client().conversations.setTopic({ channel: 'C0RANDOM', topic: 'x' })),
    'not_in_channel',
  );
});

test('failNext injects ok:false errors once', async () => {
  double.failNext('chat.postMessage', 'channel_not_found');
  const first = client().chat.postMessage({ channel: 'C0GENERAL', text: 'a' });
  assert.is(await slackError(first), 'channel_not_found');
  await client().chat.postMessage({ channel: 'C0GENERAL', text: 'b' });
  assert.is(double.messagesIn('C0GENERAL').length, 1);
});

test('a 429 with Retry-After is retried by the SDK and the message arrives once', async () => {
  double.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
  const started = Date.now();
  await client(DEFAULT_TOKEN, 2).chat.postMessage({ channel: 'C0GENERAL', text: 'digest' });
  assert.ok(Date.now() - started >= 900, 'the SDK waited for Retry-After');
  assert.equal(
    double.callsTo('chat.postMessage').map((c) => c.status),
    [429, 200],
  );
  assert.equal(
    double.messagesIn('C0GENERAL').map((m) => m.text),
    ['digest'],
  );
});

test('users lookups: by email, empty email, tz fields', async () => {
  const res = await client().users.lookupByEmail({ email: 'carol@example.com' });
  assert.is(res.user?.id, 'U0CAROL');
  assert.is(res.user?.tz, 'Asia/Tokyo');
  assert.is(res.user?.tz_offset, 9 * 3600);
  assert.is(
    await slackError(client().users.lookupByEmail({ email: 'x@nowhere.test' })),
    'users_not_found',
  );
  assert.is(await slackError(client().users.lookupByEmail({ email: '' })), 'invalid_arguments');
  const group = await client().usergroups.users.list({ usergroup: 'S0SECURITY' });
  assert.equal(group.users, ['U0ALICE', 'U0CAROL']);
});

test('a 25-character modal title is rejected', async () => {
  const call = client().views.open({ trigger_id: 't1', view: modal('x'.repeat(25)) });
  assert.is(await slackError(call), 'invalid_arguments');
  assert.is(double.violations[0]?.path, '/view/title/text');
});

test('a trigger_id works once, and expired ones fail', async () => {
  const res = await client().views.open({ trigger_id: 't2', view: modal('New campaign') });
  assert.match(String(res.view?.id), /^V/);
  const again = client().views.open({ trigger_id: 't2', view: modal('New campaign') });
  assert.is(await slackError(again), 'exchanged_trigger_id');
  double.expireTrigger('t3');
  const late = client().views.open({ trigger_id: 't3', view: modal('New campaign') });
  assert.is(await slackError(late), 'expired_trigger_id');
});

test('views.update checks the hash and views.publish stores the Home tab', async () => {
  const { view } = await client().views.open({ trigger_id: 't4', view: modal('Step 1') });
  const id = String(view?.id);
  const stale = client().views.update({ view_id: id, hash: 'old', view: modal('Step 2') });
  assert.is(await slackError(stale), 'hash_conflict');
  await client().views.update({ view_id: id, hash: String(view?.hash), view: modal('Step 2') });
  const home = { type: 'home' as const, blocks: [section('Your alerts')] };
  await client().views.publish({ user_id: 'U0ALICE', view: home });
  assert.ok(double.state.homes.get('U0ALICE'));
});

test('a files upload v2 round trip keeps the bytes', async () => {
  const { channel } = await client().conversations.create({ name: 'charts' });
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 7),
  ]);
  const res = await client().filesUploadV2({
    channel_id: String(channel?.id),
    file: png,
    filename: 'burndown.png',
    initial_comment: 'Burndown this week',
    alt_text: 'chart',
  });
  assert.ok(res.ok);
  const [stored] = [...double.state.files.values()];
  assert.ok(stored?.bytes?.equals(png));
  assert.is(double.messagesIn(String(channel?.id))[0]?.text, 'Burndown this week');
  const info = await client().files.info({ file: String(stored?.id) });
  assert.is(info.file?.mimetype, 'image/png');
});

test('JSON bodies are accepted like form bodies', async () => {
  const res = await fetch(`${double.url}chat.postMessage`, {
    method: 'POST',
    headers: { authorization: `Bearer ${DEFAULT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'C0GENERAL', text: 'json', blocks: [section('json')] }),
  });
  assert.is(((await res.json()) as { ok: boolean }).ok, true);
  assert.equal(double.calls[0]?.args.blocks, [section('json')]);
});

test('allTextSentTo finds strings in topics, modals and file comments', async () => {
  const { channel } = await client().conversations.create({ name: 'leaks' });
  await client().conversations.setPurpose({ channel: String(channel?.id), purpose: 'ghp_secret1' });
  await client().views.open({
    trigger_id: 't5',
    view: modal('Leak', { private_metadata: 'ghp_secret2' }),
  });
  const texts = allTextSentTo(double).map((t) => t.text);
  assert.ok(texts.includes('ghp_secret1'));
  assert.ok(texts.includes('ghp_secret2'));
  assert.not.ok(texts.includes(DEFAULT_TOKEN), 'the token is not part of what was sent');
  assert.ok(allSlackCalls.length >= double.calls.length);
});

test('checkMessage flags a 12k total, duplicate action ids and unknown blocks', () => {
  const big = Array.from({ length: 5 }, () => section('b'.repeat(2500)));
  assert.ok(checkMessage({ text: 'x', blocks: big }).some((p) => p.code === 'msg_blocks_too_long'));
  const button = { type: 'button', text: plain('Go'), action_id: 'go' };
  const dup = [{ type: 'actions', elements: [button, button] }];
  assert.match(checkMessage({ text: 'x', blocks: dup })[0]?.message ?? '', 'duplicate action_id');
  assert.is(checkMessage({ text: 'x', blocks: [{ type: 'carousel' }] }).length, 1);
  const input = { type: 'input', label: plain('Name'), element: { type: 'plain_text_input' } };
  const noSubmit = checkView(modal('Form', { blocks: [input] }));
  assert.is(noSubmit[0]?.path, '/view/submit');
});

test('chat.scheduleMessage wants a conversation and a time within 120 days', async () => {
  const now = Math.floor(Date.now() / 1000);
  const dm = await client().conversations.open({ users: 'U0BOB' });
  const channel = dm.channel!.id!;
  const schedule = (post_at: number, to = channel) =>
    client().chat.scheduleMessage({ channel: to, post_at, text: 'later' });
  assert.is(await slackError(schedule(now - 10)), 'time_in_past');
  assert.is(await slackError(schedule(now + 121 * 86_400)), 'time_too_far');
  assert.is(await slackError(schedule(now + 3600, 'U0BOB')), 'channel_not_found');
  const res = await schedule(now + 3600);
  assert.type(res.scheduled_message_id, 'string');
  assert.is(double.state.scheduled.length, 1);
  assert.equal(double.messagesIn('U0BOB'), [], 'nothing is posted before its time');
});

test('a response_url takes five messages and refuses the sixth', async () => {
  const url = double.responseUrl('five');
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: `part ${i}` }),
    });
    statuses.push(res.status);
  }
  assert.equal(statuses, [200, 200, 200, 200, 200, 404]);
  assert.is(double.responses('five').length, 5);
});

test.run();
