// Audit entries as files a lead can open elsewhere: CSV for spreadsheets, JSON lines for
// scripts. CSV cells are quoted by RFC 4180 rules, and a cell that a spreadsheet would run
// as a formula is defused with a leading apostrophe (alert comments are free text).
import type { AuditEntry } from './audit-log.ts';

export type AuditFormat = 'csv' | 'jsonl';

const COLUMNS: (keyof AuditEntry)[] = [
  'at',
  'slackUserId',
  'githubLogin',
  'repo',
  'number',
  'alert',
  'action',
  'reason',
  'comment',
  'result',
  'detail',
];

export function csvCell(value: unknown): string {
  let text = Array.isArray(value) ? value.join(' ') : String(value ?? '');
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditCsv(entries: AuditEntry[]): string {
  const rows = [COLUMNS.join(',')];
  for (const e of entries) rows.push(COLUMNS.map((c) => csvCell(e[c])).join(','));
  return `${rows.join('\r\n')}\r\n`;
}

export function auditJsonLines(entries: AuditEntry[]): string {
  return entries.map((e) => `${JSON.stringify(e)}\n`).join('');
}

export function auditExport(entries: AuditEntry[], format: AuditFormat): string {
  return format === 'csv' ? auditCsv(entries) : auditJsonLines(entries);
}
