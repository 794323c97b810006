// Builds request bodies byte-for-byte in the encodings Slack uses, signs them with the v0
// scheme Bolt verifies, and posts them to the app, so HTTP-level tests see what Slack sends.
import { createHmac, randomBytes } from 'node:crypto';
import type { SlashCommand } from '@slack/bolt';
import { SLACK_IDS } from './slack-payloads.ts';

// Bolt parses a form only when the header is exactly this; with a charset it answers 400.
export const SLACK_FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const SLACK_JSON_CONTENT_TYPE = 'application/json';

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  channel_name?: string;
  team_id?: string;
  team_domain?: string;
  trigger_id?: string;
  response_url?: string;
  api_app_id?: string;
  enterprise_id?: string;
  enterprise_name?: string;
}

export interface SlackEventEnvelopeOptions {
  team_id?: string;
  api_app_id?: string;
  event_id?: string;
  event_time?: number;
}

export interface SlackRequestHeaders {
  'content-type': typeof SLACK_FORM_CONTENT_TYPE | typeof SLACK_JSON_CONTENT_TYPE;
  'x-slack-request-timestamp': string;
  'x-slack-signature': string;
  [header: string]: string;
}

export interface SignedSlackRequest {
  body: string;
  headers: SlackRequestHeaders;
}

export interface SlackEndpointResponse {
  status: number;
  /** Parsed JSON when the app answered with JSON, the raw text otherwise ('' for a bare ack). */
  body: unknown;
}

/** The form-encoded body of a slash command, with every field Slack includes. */
export function slashCommandBody(input: SlashCommandInput = {}): string {
  const teamId = input.team_id ?? SLACK_IDS.team;
  const command: SlashCommand = {
    token: SLACK_IDS.verificationToken,
    team_id: teamId,
    team_domain: input.team_domain ?? SLACK_IDS.teamDomain,
    channel_id: input.channel_id ?? SLACK_IDS.channel,
    channel_name: input.channel_name ?? 'sec-campaigns',
    user_id: input.user_id ?? SLACK_IDS.user,
    user_name: input.user_name ?? 'priya.n',
    command: input.command ?? '/campaign',
    text: input.text ?? '',
    api_app_id: input.api_app_id ?? SLACK_IDS.app,
    is_enterprise_install: 'false',
    response_url:
      input.response_url ??
      `https://hooks.slack.com/commands/${teamId}/8412736650213/r8TnQbAZk2YtWm5vLx3HcPde`,
    trigger_id: input.trigger_id ?? SLACK_IDS.triggerId,
  };
  // Slack only sends the enterprise fields for Enterprise Grid workspaces.
  if (input.enterprise_id) command.enterprise_id = input.enterprise_id;
  if (input.enterprise_name) command.enterprise_name = input.enterprise_name;
  return new URLSearchParams(command as Record<string, string>).toString();
}

/** Interactivity body: one form field, `payload`, holding the JSON-encoded payload. */
export function interactionBody(payload: object): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API `event_callback` envelope around `event`, as a JSON string. */
export function eventBody(event: object, options: SlackEventEnvelopeOptions = {}): string {
  const teamId = options.team_id ?? SLACK_IDS.team;
  return JSON.stringify({
    token: SLACK_IDS.verificationToken,
    team_id: teamId,
    context_team_id: teamId,
    context_enterprise_id: null,
    api_app_id: options.api_app_id ?? SLACK_IDS.app,
    event,
    type: 'event_callback',
    event_id: options.event_id ?? `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: options.event_time ?? Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: SLACK_IDS.botUser,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  });
}

/** `v0=` + hex HMAC-SHA256 over `v0:{timestamp}:{body}`, Slack's request signature. */
export function slackSignature(body: string, secret: string, timestamp: number): string {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return `v0=${digest}`;
}

/**
 * Headers Slack would send with `body`. JSON bodies (events) get `application/json`; everything
 * else is a form. `timestamp` is in seconds and defaults to now.
 */
export function signSlackRequest(
  body: string,
  secret: string,
  timestamp: number = Math.floor(Date.now() / 1000),
): SlackRequestHeaders {
  const isJson = body.trimStart().startsWith('{');
  return {
    'content-type': isJson ? SLACK_JSON_CONTENT_TYPE : SLACK_FORM_CONTENT_TYPE,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(body, secret, timestamp),
  };
}

/** Convenience pairing of a body with its signed headers, ready for `postToSlackEndpoint`. */
export function signedSlackRequest(
  body: string,
  secret: string,
  timestamp?: number,
): SignedSlackRequest {
  return { body, headers: signSlackRequest(body, secret, timestamp) };
}

/** POSTs to `${baseUrl}/slack/events` and returns the status and the (parsed) reply. */
export async function postToSlackEndpoint(
  baseUrl: string,
  request: SignedSlackRequest,
): Promise<SlackEndpointResponse> {
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/slack/events`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  if (isJson && text !== '') return { status: response.status, body: JSON.parse(text) };
  return { status: response.status, body: text };
}
