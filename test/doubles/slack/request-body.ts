// Turns an incoming Web API request into arguments the way Slack reads them: form fields
// or a JSON body, with the JSON-encoded fields (blocks, view, ...) decoded for the handlers.
import type { IncomingMessage } from 'node:http';
import type { Args } from './method-context.ts';

// The SDK JSON-encodes every non-scalar argument into one form field; Slack decodes these.
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'files', 'metadata'];

export async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface ParsedRequest {
  args: Args;
  /** Set when the body cannot be read the way its content type claims. */
  error?: string;
}

export function parseArgs(contentType: string, raw: Buffer, query: URLSearchParams): ParsedRequest {
  const args: Args = Object.fromEntries(query);
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length > 0) {
    if (type === 'application/json') {
      try {
        const body: unknown = JSON.parse(raw.toString('utf8'));
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          return { args, error: 'invalid_json' };
        }
        Object.assign(args, body);
      } catch {
        return { args, error: 'invalid_json' };
      }
    } else if (type === 'application/x-www-form-urlencoded') {
      Object.assign(args, Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
    } else if (type === '') {
      return { args, error: 'missing_post_type' };
    } else {
      return { args, error: 'invalid_post_type' };
    }
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== 'string') continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // Left as a string: the method answers with its own format error.
    }
  }
  return { args };
}

/** Bytes of an upload: the first file part of a multipart body, or the raw body. */
export async function uploadedBytes(contentType: string, raw: Buffer): Promise<Buffer> {
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

export function bearerToken(req: IncomingMessage, args: Args): string | undefined {
  const header = req.headers.authorization;
  if (header) return /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim();
  // Slack reads a token from form fields, but not from a JSON body.
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json') && typeof args.token === 'string') return args.token;
  return undefined;
}
