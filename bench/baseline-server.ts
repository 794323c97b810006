// The intake baseline: what a bare webhook receiver costs on this machine. Plain node:http,
// signature checked with @octokit/webhooks-methods `verify` (what @octokit/webhooks uses
// underneath), one Redis XADD, 202. Run as a child process by the intake bench.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verify } from '@octokit/webhooks-methods';
import { createClient } from 'redis';

const input = JSON.parse(process.argv[2] ?? '{}') as {
  redisUrl: string;
  stream: string;
  secret: string;
};
const redis = createClient({ url: input.redisUrl });
redis.on('error', () => {});
await redis.connect();

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const signature = String(req.headers['x-hub-signature-256'] ?? '');
    verify(input.secret, body, signature)
      .then(async (ok) => {
        if (!ok) {
          res.writeHead(401).end();
          return;
        }
        await redis.xAdd(input.stream, '*', {
          deliveryId: String(req.headers['x-github-delivery'] ?? ''),
          event: String(req.headers['x-github-event'] ?? ''),
          body,
        });
        res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"queued"}');
      })
      .catch(() => res.writeHead(503).end());
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
});
process.on('message', (m: { type?: string }) => {
  if (m?.type !== 'stop') return;
  server.close();
  server.closeAllConnections();
  void redis.close().finally(() => process.exit(0));
});
