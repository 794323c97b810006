// Collects Block Kit problems while a payload is walked, plus the bookkeeping that spans the
// whole payload (unique ids, total text) that no single block can judge on its own.

/** `error` problems make Slack reject the call; `policy` ones are our own stricter rules. */
export type ProblemSeverity = 'error' | 'policy';

export type ProblemCode =
  | 'invalid_blocks'
  | 'invalid_blocks_format'
  | 'invalid_arguments'
  | 'msg_blocks_too_long'
  | 'view_too_large'
  | 'missing_text_fallback'
  | 'text_truncated';

export interface Problem {
  code: ProblemCode;
  severity: ProblemSeverity;
  /** JSON pointer into the payload, the way Slack reports it. */
  path: string;
  message: string;
}

export interface TextRule {
  max: number;
  min?: number;
  plainOnly?: boolean;
}

export class Findings {
  readonly problems: Problem[] = [];
  readonly actionIds = new Set<string>();
  readonly blockIds = new Set<string>();
  /** Visible characters across all blocks: Slack caps the sum below the per-field limits. */
  textTotal = 0;
  markdownTotal = 0;

  constructor(private readonly code: ProblemCode) {}

  error(path: string, message: string, code: ProblemCode = this.code): void {
    this.problems.push({ code, severity: 'error', path, message });
  }

  policy(path: string, message: string, code: ProblemCode): void {
    this.problems.push({ code, severity: 'policy', path, message });
  }

  maxLength(value: unknown, path: string, max: number): void {
    if (typeof value === 'string' && value.length > max) {
      this.error(path, `must be less than ${max + 1} characters`);
    }
  }

  required(value: unknown, path: string): boolean {
    if (value === undefined || value === null) {
      this.error(path, 'missing required field');
      return false;
    }
    return true;
  }

  /** Arrays Slack bounds on both sides; returns the array only when it is one. */
  list(value: unknown, path: string, min: number, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) {
      this.error(path, 'must be an array');
      return undefined;
    }
    if (value.length < min) this.error(path, `must provide at least ${min} items`);
    if (value.length > max) this.error(path, `no more than ${max} items allowed`);
    return value;
  }

  text(value: unknown, path: string, rule: TextRule): void {
    if (!isRecord(value)) {
      this.error(path, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.error(`${path}/type`, 'must be one of plain_text, mrkdwn');
    } else if (rule.plainOnly && value.type !== 'plain_text') {
      this.error(`${path}/type`, 'must be plain_text');
    }
    if (typeof value.text !== 'string') {
      this.error(`${path}/text`, 'missing required field: text');
      return;
    }
    const min = rule.min ?? 1;
    if (value.text.length < min) this.error(`${path}/text`, `must be at least ${min} characters`);
    this.maxLength(value.text, `${path}/text`, rule.max);
    this.textTotal += value.text.length;
  }

  optionalText(value: unknown, path: string, rule: TextRule): void {
    if (value !== undefined) this.text(value, path, rule);
  }

  id(kind: 'action_id' | 'block_id', value: unknown, path: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || value.length === 0) {
      this.error(path, 'must be a non-empty string');
      return;
    }
    this.maxLength(value, path, 255);
    const seen = kind === 'action_id' ? this.actionIds : this.blockIds;
    if (seen.has(value)) this.error(path, `duplicate ${kind} ${JSON.stringify(value)}`);
    seen.add(value);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Slack's wording in `response_metadata.messages`. */
export function slackMessages(problems: readonly Problem[]): string[] {
  return problems.map((p) => `[ERROR] ${p.message} [json-pointer:${p.path}]`);
}
