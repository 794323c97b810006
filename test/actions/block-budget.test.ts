// A batched DM of 15 alerts is close to Slack's 50 blocks; every result line and autofix
// panel added under an alert takes more. What is shown must stay within the limit without
// ever taking an alert's buttons away.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { autofixPanel } from '../../src/actions/autofix-panel.ts';
import { withResult } from '../../src/actions/update-alert-message.ts';
import type { AppContext } from '../../src/app-context.ts';
import { type AlertSnapshot, alertKey } from '../../src/domain/types.ts';
import { assignmentDm } from '../../src/slack/messages/assignment-dm.ts';

type Block = Record<string, unknown>;

const t = suite('the 50-block limit of a batched DM');

const ctx = { config: { AUTOFIX_COMMITS_ENABLED: true } } as unknown as AppContext;

const alerts: AlertSnapshot[] = Array.from({ length: 15 }, (_, i) => ({
  kind: 'code',
  repoId: 7,
  repo: 'acme/payments',
  number: i + 1,
  status: 'open',
  state: 'open',
  assignees: [],
  ruleId: 'js/sql-injection',
  title: `Database query built from user-controlled sources #${i + 1}`,
  severity: 'high',
  tags: [],
  path: 'src/db.js',
  line: 10 + i,
  htmlUrl: `https://github.com/acme/payments/security/code-scanning/${i + 1}`,
  updatedAt: '2026-01-05T10:00:00Z',
  createdAt: '2026-01-01T10:00:00Z',
}));

/** The action ids of each alert's buttons, by alert key. */
function buttonsByAlert(blocks: Block[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const b of blocks) {
    const id = String(b.block_id ?? '');
    if (b.type !== 'actions' || !id.startsWith('alert:')) continue;
    const elements = (b.elements as Block[]).map((e) => String(e.action_id));
    out.set(id.slice('alert:'.length), elements);
  }
  return out;
}

/** Bob takes every alert, then looks at the autofix of the first five, one after another. */
function aBusyMorning(): Block[] {
  let blocks = assignmentDm(alerts, undefined, { viewer: 'dev-b' }).blocks as unknown as Block[];
  for (const a of alerts) {
    blocks = withResult(blocks, { ...a, assignees: ['dev-b'] }, 'dev-b', 'Bob took this alert');
  }
  for (const a of alerts.slice(0, 5)) {
    const mine = { ...a, assignees: ['dev-b'] };
    const panel = autofixPanel(ctx, mine, { status: 'none' });
    blocks = withResult(blocks, mine, 'dev-b', undefined, panel);
  }
  return blocks;
}

t('every alert keeps its buttons however many lines and panels were added', () => {
  const blocks = aBusyMorning();
  assert.ok(blocks.length <= 50, `${blocks.length} blocks`);
  const buttons = buttonsByAlert(blocks);
  assert.is(buttons.size, 15, 'all 15 alerts still have their buttons');
  for (const a of alerts) {
    const ids = buttons.get(alertKey(a)) ?? [];
    assert.ok(
      ids.some((id) => id.startsWith('alert:unassign')),
      `${a.number} offers Unassign me`,
    );
    assert.ok(
      ids.some((id) => id.startsWith('alert:dismiss')),
      `${a.number} offers Dismiss…`,
    );
  }
  // The last alert, at the bottom of the message, is the one a cut would have hit.
  assert.match(JSON.stringify(blocks.at(-1)), 'Bob took this alert');
});

t('the alert just clicked shows its panel; older panels make room for it', () => {
  const blocks = aBusyMorning();
  const shown = JSON.stringify(blocks);
  const latest = alertKey(alerts[4]!);
  assert.ok(
    blocks.some((b) => b.block_id === `autofix:${latest}`),
    'its panel is there',
  );
  assert.ok(
    blocks.some((b) => b.block_id === `autofix-actions:${latest}`),
    'with its buttons',
  );
  assert.match(shown, 'autofix:generate:7-5');
  assert.not.ok(
    blocks.some((b) => b.block_id === `autofix:${alertKey(alerts[0]!)}`),
    'the first panel opened made room',
  );
});

t.run();
