import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { auditCsv, auditJsonLines, csvCell } from '../../src/audit/audit-export.ts';
import type { AuditEntry } from '../../src/audit/audit-log.ts';

const entry: AuditEntry = {
  at: '2026-12-01T10:00:00.000Z',
  slackUserId: 'U0BOB',
  githubLogin: 'dev-b',
  alert: 'code:1:2',
  repo: 'acme/payments',
  number: 2,
  action: 'dismiss',
  reason: "won't fix",
  comment: 'He said "no", then\nleft, early',
  result: 'ok',
  detail: '',
  campaigns: ['camp-sqli'],
};

test('csv quotes commas, quotes and line breaks by doubling the quotes', () => {
  assert.is(csvCell('plain'), 'plain');
  assert.is(csvCell('a,b'), '"a,b"');
  assert.is(csvCell('say "hi"'), '"say ""hi"""');
  assert.is(csvCell('two\nlines'), '"two\nlines"');
});

test('csv defuses cells a spreadsheet would run as a formula', () => {
  assert.is(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.is(csvCell('@SUM(A1)'), "'@SUM(A1)");
});

test('csv has a header and one row per entry that reads back to the same fields', () => {
  const csv = auditCsv([entry]);
  const lines = csv.split('\r\n');
  assert.is(
    lines[0],
    'at,slackUserId,githubLogin,repo,number,alert,action,reason,comment,result,detail',
  );
  assert.ok(csv.includes('"He said ""no"", then\nleft, early"'));
  assert.ok(csv.endsWith('\r\n'));
});

test('json lines hold one parseable entry per line', () => {
  const text = auditJsonLines([entry, { ...entry, result: 'forbidden' }]);
  const rows = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as AuditEntry);
  assert.is(rows.length, 2);
  assert.is(rows[0]?.comment, entry.comment);
  assert.is(rows[1]?.result, 'forbidden');
});

test.run();
