// One line of the doctor's report: what was checked, how it went, and for a problem, what
// to change and where.

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
  /** What to change and where; present for every warning and failure. */
  fix?: string;
}

export const ok = (name: string, detail: string): CheckResult => ({ name, status: 'ok', detail });

export const warn = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'warn',
  detail,
  fix,
});

export const fail = (name: string, detail: string, fix: string): CheckResult => ({
  name,
  status: 'fail',
  detail,
  fix,
});

const MARK: Record<CheckStatus, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };

/** The report as plain text: one line per check, the fix indented under it. */
export function formatReport(results: readonly CheckResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`[${MARK[r.status]}] ${r.name}: ${r.detail}`);
    if (r.fix) lines.push(`       fix: ${r.fix}`);
  }
  const failed = results.filter((r) => r.status === 'fail').length;
  const warned = results.filter((r) => r.status === 'warn').length;
  lines.push(
    failed
      ? `${failed} problem(s) to fix${warned ? `, ${warned} warning(s)` : ''}.`
      : `All checks passed${warned ? ` with ${warned} warning(s)` : ''}.`,
  );
  return `${lines.join('\n')}\n`;
}
