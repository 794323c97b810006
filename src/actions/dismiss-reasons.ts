// Dismissal and resolution reasons. Slack carries a stable key; GitHub gets its own exact
// spelling, which differs by alert kind (code: "won't fix" with a space and an apostrophe,
// secret: `wont_fix`). A wrong spelling is a 422 from GitHub, so the mapping lives here only.
import type { AlertKind } from '../domain/types.ts';

export interface Reason {
  key: string;
  label: string;
  github: string;
}

export const CODE_REASONS: Reason[] = [
  { key: 'false_positive', label: 'False positive', github: 'false positive' },
  { key: 'wont_fix', label: "Won't fix", github: "won't fix" },
  { key: 'used_in_tests', label: 'Used in tests', github: 'used in tests' },
  { key: 'mitigated', label: 'Mitigated', github: 'mitigated' },
];

export const SECRET_REASONS: Reason[] = [
  { key: 'false_positive', label: 'False positive', github: 'false_positive' },
  { key: 'wont_fix', label: "Won't fix", github: 'wont_fix' },
  { key: 'revoked', label: 'Revoked', github: 'revoked' },
  { key: 'used_in_tests', label: 'Used in tests', github: 'used_in_tests' },
];

/** GitHub caps code scanning dismissal comments at 280 characters. */
export const CODE_COMMENT_MAX = 280;
/** Secret scanning sets no limit; Slack's input does (3000). */
export const SECRET_COMMENT_MAX = 3000;

export function reasonsFor(kind: AlertKind): Reason[] {
  return kind === 'code' ? CODE_REASONS : SECRET_REASONS;
}

export function reasonByKey(kind: AlertKind, key: string | undefined): Reason | undefined {
  return reasonsFor(kind).find((r) => r.key === key);
}

/** A person's label for GitHub's spelling, or the spelling itself when unknown. */
export function reasonLabel(kind: AlertKind, github: string): string {
  return (reasonsFor(kind).find((r) => r.github === github)?.label ?? github).toLowerCase();
}
