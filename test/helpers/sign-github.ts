// Turns a webhook payload into the exact bytes and headers GitHub's Hookshot sends to an
// organization webhook, so tests exercise our signature check and routing end to end.
import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';

export interface GitHubDeliveryInput {
  /** Value of `X-GitHub-Event`, e.g. `code_scanning_alert`. */
  event: string;
  payload: unknown;
  secret: string;
  /** Reuse one to simulate a redelivery: GitHub keeps the GUID when it resends. */
  deliveryId?: string;
  hookId?: number;
  /** Organization id for `x-github-hook-installation-target-id`. */
  targetId?: number;
}

export interface GitHubDeliveryHeaders {
  'content-type': 'application/json';
  'user-agent': string;
  'x-github-event': string;
  'x-github-delivery': string;
  'x-github-hook-id': string;
  'x-github-hook-installation-target-type': 'organization';
  'x-github-hook-installation-target-id': string;
  'x-hub-signature-256': string;
  [header: string]: string;
}

export interface GitHubDelivery {
  /** The exact bytes that were signed; send them unchanged. */
  body: string;
  headers: GitHubDeliveryHeaders;
}

export interface PostedResponse {
  status: number;
  body: string;
}

const HOOKSHOT_AGENT = 'GitHub-Hookshot/3f2c5d1';
const DEFAULT_HOOK_ID = 512_734_981;

function organizationIdOf(payload: unknown): number | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const org = (payload as { organization?: { id?: unknown } }).organization;
  return typeof org?.id === 'number' ? org.id : undefined;
}

/** `sha256=` + hex HMAC-SHA256 of `body` keyed with the hook secret (`X-Hub-Signature-256`). */
export function githubSignature(secret: string, body: string): Promise<string> {
  return sign(secret, body);
}

/** Serialises and signs a payload the way GitHub does (HMAC-SHA256 of the raw body). */
export async function signGitHubDelivery(input: GitHubDeliveryInput): Promise<GitHubDelivery> {
  const body = JSON.stringify(input.payload);
  const targetId = input.targetId ?? organizationIdOf(input.payload) ?? 1;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': HOOKSHOT_AGENT,
      'x-github-event': input.event,
      'x-github-delivery': input.deliveryId ?? randomUUID(),
      'x-github-hook-id': String(input.hookId ?? DEFAULT_HOOK_ID),
      'x-github-hook-installation-target-type': 'organization',
      'x-github-hook-installation-target-id': String(targetId),
      'x-hub-signature-256': await githubSignature(input.secret, body),
    },
  };
}

/** POSTs a signed delivery to `${baseUrl}/github/webhooks` and returns status and raw body. */
export async function postDelivery(
  baseUrl: string,
  delivery: GitHubDelivery,
): Promise<PostedResponse> {
  const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/github/webhooks`, {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });
  return { status: response.status, body: await response.text() };
}
