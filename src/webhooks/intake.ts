// POST /github/webhooks: check the signature over the raw body, remember the delivery id,
// queue the delivery durably and answer 202 at once. The work happens in the queue worker,
// so a slow handler never makes GitHub give up on us (it waits 10 s and never retries).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../log.ts';
import type { IntakePressure } from '../queue/intake-pressure.ts';
import { DELIVERY_DEDUPE_MS, GITHUB_DELIVERIES } from '../queue/streams.ts';
import type { Metrics } from '../server/metrics.ts';
import type { Kv } from '../store/kv.ts';
import { verifyGitHubSignature } from './verify-signature.ts';

// GitHub caps payloads at 25 MB.
const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface IntakeDeps {
  kv: Kv;
  secret: string;
  logger: Logger;
  metrics: Metrics;
  /** Told of each signed delivery, so the queue worker can step back during a burst. */
  pressure?: IntakePressure;
}

function reply(res: ServerResponse, status: number, body: Record<string, unknown>) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

// Plain events rather than `for await`: the async iterator costs several promises a chunk,
// and every promise pays for the log context's async hooks; at thousands of deliveries a
// second that is a visible share of the CPU.
function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop reading; the 413 closes the connection, so the unread rest goes with it.
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

const isSpace = (byte: number | undefined) =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** `{ … }` around the body, ignoring JSON whitespace: the outline of an object. */
export function looksLikeJsonObject(body: Buffer): boolean {
  let start = 0;
  let end = body.length - 1;
  while (start <= end && isSpace(body[start])) start++;
  while (end >= start && isSpace(body[end])) end--;
  return end > start && body[start] === 0x7b && body[end] === 0x7d;
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function createWebhookIntake(deps: IntakeDeps) {
  const log = deps.logger.child({ component: 'webhook-intake' });

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const deliveryId = header(req, 'x-github-delivery');
    const event = header(req, 'x-github-event');
    const body = await readBody(req);
    if (body === null) {
      log.warn({ deliveryId, event }, 'webhook body too large');
      // The rest of the body was not read: close the connection so the next request on it
      // does not start in the middle of this one.
      res.setHeader('connection', 'close');
      return reply(res, 413, { error: 'payload too large' });
    }
    if (!verifyGitHubSignature(deps.secret, body, header(req, 'x-hub-signature-256'))) {
      // The event name is the sender's word until the signature holds: one fixed label, so
      // a flood of made-up names cannot grow the metrics without end.
      deps.metrics.webhookDeliveries.inc({ event: 'unverified', outcome: 'bad_signature' });
      log.warn(
        { deliveryId, event, code: 'webhook_signature_invalid' },
        'webhook signature rejected',
      );
      return reply(res, 401, { error: 'signature does not match' });
    }
    // Counted only once GitHub's signature holds: anyone can post, and unsigned noise must
    // not make the worker step back.
    deps.pressure?.note();
    if (!deliveryId || !event) {
      return reply(res, 400, { error: 'x-github-delivery and x-github-event are required' });
    }
    // Every GitHub payload is a JSON object. Only its outline is checked here: the signature
    // already proves GitHub sent it, and a full parse would cost the intake about a sixth of
    // its time at thousands of deliveries a second. The worker parses it, and a signed body
    // that does not parse goes straight to the dead letters, kept for a look, not retried.
    if (!looksLikeJsonObject(body)) {
      log.warn(
        { deliveryId, event, code: 'webhook_payload_invalid' },
        'webhook body not a JSON object',
      );
      return reply(res, 400, { error: 'body must be a JSON object' });
    }
    const text = body.toString('utf8');

    let id: string | null;
    try {
      id = await deps.kv.enqueueOnce(
        GITHUB_DELIVERIES.stream,
        `delivery:${deliveryId}`,
        DELIVERY_DEDUPE_MS,
        {
          deliveryId,
          event,
          body: text,
          receivedAt: String(Date.now()),
        },
      );
    } catch (err) {
      // Nothing was stored, so GitHub's "redeliver" (or our next poll) can still bring it.
      deps.metrics.webhookDeliveries.inc({ event, outcome: 'store_down' });
      log.error({ deliveryId, event, err, code: 'store_unavailable' }, 'webhook not queued');
      return reply(res, 503, { error: 'store unavailable, try again' });
    }
    if (id === null) {
      deps.metrics.webhookDeliveries.inc({ event, outcome: 'duplicate' });
      log.info({ deliveryId, event }, 'webhook delivery already queued');
      return reply(res, 200, { status: 'duplicate' });
    }
    deps.metrics.webhookDeliveries.inc({ event, outcome: 'queued' });
    log.debug({ deliveryId, event, entry: id }, 'webhook delivery queued');
    return reply(res, 202, { status: 'queued' });
  };
}
