// Every string the bot sent to Slack, for scanning for leaked secrets. It walks the recorded
// arguments rather than known fields, so a new method or field cannot slip past the scan.
import { allSlackCalls, type RecordedCall } from './call-registry.ts';

export interface SentText {
  method: string;
  /** Where in the arguments the string sat, e.g. "blocks.0.text.text". */
  path: string;
  text: string;
}

/** Strings from one double's calls (or any list of calls), refused calls included. */
export function allTextSentTo(
  source: { calls: readonly RecordedCall[] } | readonly RecordedCall[],
) {
  const calls = Array.isArray(source) ? source : (source as { calls: RecordedCall[] }).calls;
  const found: SentText[] = [];
  for (const call of calls) walk(call.method, call.args, '', found);
  return found;
}

/** Strings from every double created in this process so far. */
export function allTextSentInSuite(): SentText[] {
  return allTextSentTo(allSlackCalls);
}

function walk(method: string, value: unknown, path: string, out: SentText[]): void {
  if (typeof value === 'string') {
    out.push({ method, path, text: value });
  } else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) walk(method, v, join(path, String(i)), out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) walk(method, v, join(path, k), out);
  }
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
