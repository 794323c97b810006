import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { App, LogLevel, verifySlackRequest } from '@slack/bolt';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { githubSignature, postDelivery, signGitHubDelivery } from './sign-github.ts';
import {
  eventBody,
  interactionBody,
  postToSlackEndpoint,
  signedSlackRequest,
  signSlackRequest,
  slashCommandBody,
} from './sign-slack.ts';
import {
  blockActionsPayload,
  plainTextState,
  SLACK_IDS,
  staticSelectState,
  viewSubmissionPayload,
} from './slack-payloads.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SLACK_SECRET = 'slack-signing-secret-for-tests';

function verifiesWithBolt(body: string, headers: Record<string, string>, nowMs?: number) {
  verifySlackRequest({
    signingSecret: SLACK_SECRET,
    body,
    headers: {
      'x-slack-signature': headers['x-slack-signature'] ?? '',
      'x-slack-request-timestamp': Number(headers['x-slack-request-timestamp']),
    },
    ...(nowMs === undefined ? {} : { nowMilliseconds: nowMs }),
  });
}

test("GitHub's documented test vector produces the documented signature", async () => {
  assert.is(
    await githubSignature("It's a Secret to Everybody", 'Hello, World!'),
    'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
  );
});

test('a GitHub delivery carries Hookshot headers and a signature over its exact body', async () => {
  const payload = codeScanningAlertEvent('created');
  const delivery = await signGitHubDelivery({
    event: 'code_scanning_alert',
    payload,
    secret: 'hook-secret',
  });
  const { headers } = delivery;
  assert.is(headers['content-type'], 'application/json');
  assert.is(headers['x-github-event'], 'code_scanning_alert');
  assert.match(headers['x-github-delivery'], GUID);
  assert.match(headers['user-agent'], /^GitHub-Hookshot\//);
  assert.is(headers['x-github-hook-installation-target-type'], 'organization');
  assert.is(headers['x-github-hook-installation-target-id'], String(payload.organization.id));
  assert.match(headers['x-github-hook-id'], /^\d+$/);
  assert.equal(JSON.parse(delivery.body), payload);
  assert.ok(await verify('hook-secret', delivery.body, headers['x-hub-signature-256']));
  assert.not.ok(await verify('other-secret', delivery.body, headers['x-hub-signature-256']));
});

test('a redelivery reuses the delivery GUID it is given', async () => {
  const deliveryId = '72d3162e-cc78-11e3-81ab-4c9367dc0958';
  const delivery = await signGitHubDelivery({
    event: 'ping',
    payload: { zen: 'Keep it logically awesome.' },
    secret: 's',
    deliveryId,
  });
  assert.is(delivery.headers['x-github-delivery'], deliveryId);
});

test('postDelivery sends body and headers unchanged to /github/webhooks', async () => {
  let seen: { url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen = { url: req.url ?? '', headers: req.headers, body };
      res.writeHead(202).end('queued');
    });
  });
  const baseUrl = await listen(server);
  try {
    const delivery = await signGitHubDelivery({
      event: 'code_scanning_alert',
      payload: codeScanningAlertEvent('fixed'),
      secret: 'hook-secret',
    });
    const response = await postDelivery(`${baseUrl}/`, delivery);
    assert.equal(response, { status: 202, body: 'queued' });
    assert.is(seen.url, '/github/webhooks');
    assert.is(seen.body, delivery.body);
    assert.is(seen.headers?.['x-hub-signature-256'], delivery.headers['x-hub-signature-256']);
  } finally {
    server.close();
  }
});

test('a slash command body holds every field Slack sends, form-encoded', () => {
  const body = slashCommandBody({ text: 'new "SQLi burn-down" due:2025-06-30' });
  const fields = Object.fromEntries(new URLSearchParams(body));
  assert.equal(Object.keys(fields).sort(), [
    'api_app_id',
    'channel_id',
    'channel_name',
    'command',
    'is_enterprise_install',
    'response_url',
    'team_domain',
    'team_id',
    'text',
    'token',
    'trigger_id',
    'user_id',
    'user_name',
  ]);
  assert.is(fields.command, '/campaign');
  assert.is(fields.text, 'new "SQLi burn-down" due:2025-06-30');
  assert.ok(body.includes('command=%2Fcampaign'));
});

test('an interaction body is payload= with the URL-encoded JSON', () => {
  const payload = blockActionsPayload();
  const body = interactionBody(payload);
  assert.ok(body.startsWith('payload='));
  assert.equal(JSON.parse(new URLSearchParams(body).get('payload') ?? ''), payload);
});

test('an event body is an event_callback envelope with ids', () => {
  const envelope = JSON.parse(eventBody({ type: 'app_mention', text: 'hi' }, { event_id: 'Ev1' }));
  assert.is(envelope.type, 'event_callback');
  assert.is(envelope.event_id, 'Ev1');
  assert.is(envelope.team_id, SLACK_IDS.team);
  assert.is(envelope.api_app_id, SLACK_IDS.app);
  assert.is(envelope.event.type, 'app_mention');
});

test('Slack signatures verify with Bolt for form and JSON bodies', () => {
  for (const body of [
    slashCommandBody(),
    interactionBody(viewSubmissionPayload()),
    eventBody({}),
  ]) {
    const headers = signSlackRequest(body, SLACK_SECRET);
    verifiesWithBolt(body, headers);
  }
});

test('content types are exactly the two Slack uses, with no charset', () => {
  assert.is(
    signSlackRequest(slashCommandBody(), 's')['content-type'],
    'application/x-www-form-urlencoded',
  );
  assert.is(signSlackRequest(eventBody({}), 's')['content-type'], 'application/json');
});

test('Bolt rejects a signature whose timestamp is over five minutes old', () => {
  const body = slashCommandBody();
  const stale = Math.floor(Date.now() / 1000) - 301;
  assert.throws(() => verifiesWithBolt(body, signSlackRequest(body, SLACK_SECRET, stale)));
  const fresh = signSlackRequest(body, SLACK_SECRET, stale);
  verifiesWithBolt(body, fresh, (stale + 10) * 1000);
});

test('Bolt rejects a signature made with another secret', () => {
  const body = eventBody({ type: 'app_home_opened' });
  assert.throws(() => verifiesWithBolt(body, signSlackRequest(body, 'wrong-secret')));
});

test('a view_submission payload carries the view state, metadata, hash and id', () => {
  const values = {
    name_block: { name_input: plainTextState('Q3 SQL injection') },
    severity_block: { severity_select: staticSelectState('high', 'High') },
  };
  const payload = viewSubmissionPayload({ values, private_metadata: '{"campaign":7}' });
  assert.equal(payload.view.state.values, values);
  assert.is(payload.view.private_metadata, '{"campaign":7}');
  assert.ok(payload.view.hash.length > 0);
  assert.match(payload.view.id, /^V/);
  assert.is(payload.user.id, SLACK_IDS.user);
});

test('a block_actions payload from a message has container, message ts and response_url', () => {
  const payload = blockActionsPayload({ message_ts: '1741700000.123456', action_id: 'claim' });
  assert.equal(payload.container, {
    type: 'message',
    message_ts: '1741700000.123456',
    channel_id: SLACK_IDS.channel,
    is_ephemeral: false,
  });
  assert.is(payload.message?.ts, '1741700000.123456');
  assert.is(payload.actions[0]?.action_id, 'claim');
  assert.match(payload.response_url, /^https:\/\/hooks\.slack\.com\/actions\//);
});

test('a block_actions payload from a modal carries the view and no response_url', () => {
  const payload = blockActionsPayload({ source: 'view', view: { private_metadata: 'x' } });
  assert.is(payload.container.type, 'view');
  assert.is(payload.view?.private_metadata, 'x');
  assert.not.ok('response_url' in payload);
});

test('a Bolt app over HTTP accepts every signed request kind the helpers build', async () => {
  const app = new App({
    signingSecret: SLACK_SECRET,
    token: 'xoxb-test-token',
    botId: SLACK_IDS.bot,
    botUserId: SLACK_IDS.botUser,
    // The 401 case below makes Bolt warn; the status code is what this test checks.
    logLevel: LogLevel.ERROR,
  });
  const seen: string[] = [];
  app.command('/campaign', async ({ ack, command }) => {
    seen.push(`command:${command.text}`);
    await ack({ text: 'ok' });
  });
  app.action('campaign_open', async ({ ack }) => {
    seen.push('action');
    await ack();
  });
  app.view('campaign_modal', async ({ ack, view }) => {
    seen.push(`view:${view.private_metadata}`);
    await ack({ response_action: 'errors', errors: { name_block: 'Name taken' } });
  });
  app.event('app_mention', async () => {
    seen.push('event');
  });
  const server = (await app.start(0)) as Server;
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const post = (body: string, secret = SLACK_SECRET) =>
      postToSlackEndpoint(baseUrl, signedSlackRequest(body, secret));
    const command = await post(slashCommandBody({ text: 'list' }));
    assert.equal(command, { status: 200, body: { text: 'ok' } });
    assert.is((await post(interactionBody(blockActionsPayload()))).status, 200);
    const view = await post(interactionBody(viewSubmissionPayload({ private_metadata: 'm' })));
    assert.equal(view.body, { response_action: 'errors', errors: { name_block: 'Name taken' } });
    const mention = { type: 'app_mention', user: SLACK_IDS.user, text: 'hi', ts: '1.2' };
    assert.is((await post(eventBody(mention))).status, 200);
    assert.is((await post(slashCommandBody(), 'wrong-secret')).status, 401);
    assert.equal(seen, ['command:list', 'action', 'view:m', 'event']);
  } finally {
    await app.stop();
  }
});

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}

test.run();
