// Fuzzed inputs for the fault tests: GitHub webhook bodies mutated from real shapes (built
// with the schema-checked fixtures) or plain noise, and slash command texts. Seeded, so a
// failure can be replayed.
import {
  CODE_SCANNING_ACTIONS,
  codeScanningAlertEvent,
  codeScanningReopenedWithNullAlert,
  SECRET_SCANNING_ACTIONS,
  secretScanningAlertEvent,
  secretScanningAlertLocationEvent,
} from '../fixtures/github-webhooks.ts';

export type Rng = () => number;

/** mulberry32: small, fast and good enough to pick mutations. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const NASTY = [
  '',
  ' ',
  '<!channel>',
  '<@U0ALICE>',
  '*bold* _it_ ~x~ `code`',
  '<https://evil.example|click>',
  '&lt;&amp;&gt;',
  '\u0000\u0007\u001b[31m',
  '\u202e\u200b\ufeff',
  '😀🔥'.repeat(50),
  '"quoted \\" text"',
  '../../etc/passwd',
  'x'.repeat(5000),
  'null',
  '{"a":',
  '__proto__',
  'constructor',
];

function randomString(rng: Rng): string {
  if (rng() < 0.6) return pick(rng, NASTY);
  const len = Math.floor(rng() * 40);
  let s = '';
  for (let i = 0; i < len; i++) s += String.fromCodePoint(Math.floor(rng() * 0x2fff));
  return s;
}

function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (r < 0.15) return null;
  if (r < 0.3) return pick(rng, [0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308]);
  if (r < 0.4) return rng() < 0.5;
  if (r < 0.7) return randomString(rng);
  if (r < 0.85 && depth < 2) return [randomValue(rng, depth + 1), randomValue(rng, depth + 1)];
  if (depth < 2) return { [randomString(rng)]: randomValue(rng, depth + 1) };
  return {};
}

type Json = Record<string, unknown>;

function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      if (out.length < 400) paths(v, [...prefix, k], out);
    }
  }
  return out;
}

/** Deletes, nulls or retypes a few fields anywhere in the payload. */
export function mutate(payload: Json, rng: Rng): Json {
  const copy = structuredClone(payload);
  const all = paths(copy);
  const times = 1 + Math.floor(rng() * 4);
  for (let i = 0; i < times && all.length; i++) {
    const path = pick(rng, all);
    let parent: Json = copy;
    for (const k of path.slice(0, -1)) {
      const next = parent[k];
      if (!next || typeof next !== 'object') break;
      parent = next as Json;
    }
    const key = path.at(-1)!;
    if (rng() < 0.3) delete parent[key];
    else parent[key] = randomValue(rng);
  }
  return copy;
}

function realShapes(): { event: string; payload: Json }[] {
  const repo = { id: 9001, name: 'payments', full_name: 'acme/payments' };
  const shapes: { event: string; payload: Json }[] = [];
  for (const action of CODE_SCANNING_ACTIONS) {
    const payload = codeScanningAlertEvent(action, { org: 'acme', repo, assignees: ['dev-b'] });
    shapes.push({ event: 'code_scanning_alert', payload: payload as unknown as Json });
  }
  shapes.push({
    event: 'code_scanning_alert',
    payload: codeScanningReopenedWithNullAlert({ org: 'acme', repo }) as unknown as Json,
  });
  for (const action of SECRET_SCANNING_ACTIONS) {
    const payload = secretScanningAlertEvent(action, { org: 'acme', repo });
    shapes.push({ event: 'secret_scanning_alert', payload: payload as unknown as Json });
  }
  shapes.push({
    event: 'secret_scanning_alert_location',
    payload: secretScanningAlertLocationEvent({ org: 'acme', repo }) as unknown as Json,
  });
  return shapes;
}

const OTHER_EVENTS = ['ping', 'push', 'security_advisory', 'installation', 'x'];

export interface FuzzedDelivery {
  event: string;
  /** Exact bytes to send; not always JSON. */
  body: string;
}

/** A generator of fuzzed deliveries: mostly mutated real shapes, some noise. */
export function deliveryFuzzer(seed: number): () => FuzzedDelivery {
  const rng = seededRng(seed);
  const shapes = realShapes();
  return () => {
    const shape = pick(rng, shapes);
    const event = rng() < 0.9 ? shape.event : pick(rng, OTHER_EVENTS);
    const r = rng();
    if (r < 0.05) return { event, body: randomString(rng) };
    const mutated = JSON.stringify(r < 0.1 ? shape.payload : mutate(shape.payload, rng));
    if (r < 0.15) return { event, body: mutated.slice(0, Math.floor(rng() * mutated.length)) };
    if (r < 0.2) return { event, body: JSON.stringify(randomValue(rng)) };
    return { event, body: mutated };
  };
}

const WORDS = [
  'list',
  'ls',
  'help',
  'open',
  'closed',
  'all',
  'drafts',
  'show',
  'whoami',
  'whois',
  '#1',
  '42',
  '@dev-b',
  '<@U0BOB>',
  '"two words"',
  '“curly”',
  'lsit',
];

/** Slash command texts: real subcommands and arguments, shuffled, mangled or noise. */
export function commandFuzzer(seed: number): () => string {
  const rng = seededRng(seed);
  return () => {
    const r = rng();
    if (r < 0.2) return randomString(rng);
    const count = Math.floor(rng() * 4);
    const words = Array.from({ length: count }, () =>
      rng() < 0.8 ? pick(rng, WORDS) : randomString(rng),
    );
    return words.join(rng() < 0.9 ? ' ' : '\t\n ');
  };
}
