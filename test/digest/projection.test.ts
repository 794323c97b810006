import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { addDays } from '../../src/digest/day-key.ts';
import { type BurnPoint, projectFinish } from '../../src/digest/projection.ts';

const t = suite('projectFinish');

/** One point a day from `start`, with the given remaining counts. */
function history(start: string, counts: number[]): BurnPoint[] {
  return counts.map((remaining, i) => ({ day: addDays(start, i), remaining }));
}

const burning = history('2026-11-01', [100, 98, 96, 94, 92, 90, 88, 86, 84, 82, 80]);

t('says on track when two a day clears 80 alerts before a due date 60 days out', () => {
  const p = projectFinish(burning, '2027-01-10', '2026-11-11');
  assert.is(p.status, 'on_track');
  assert.is(p.ratePerDay, 2);
  assert.is(p.finishDay, '2026-12-21');
});

t('says at risk when the same rate needs longer than the 20 days left', () => {
  const p = projectFinish(burning, '2026-12-01', '2026-11-11');
  assert.is(p.status, 'at_risk');
  assert.is(p.finishDay, '2026-12-21');
});

t('says at risk when nothing was closed over the window', () => {
  const flat = history('2026-11-01', [50, 50, 50, 50, 50]);
  const p = projectFinish(flat, '2027-06-01', '2026-11-05');
  assert.is(p.status, 'at_risk');
  assert.is(p.finishDay, undefined);
});

t('says at risk when new alerts arrive faster than fixes', () => {
  const growing = history('2026-11-01', [50, 52, 55, 57]);
  assert.is(projectFinish(growing, '2027-06-01', '2026-11-04').status, 'at_risk');
});

t('looks only at the recent window: an old sprint does not hide a stall', () => {
  const sprintThenStall = [
    ...history('2026-10-01', [300, 200, 100]),
    ...history('2026-10-20', Array(20).fill(60)),
  ];
  const p = projectFinish(sprintThenStall, '2027-06-01', '2026-11-08');
  assert.is(p.status, 'at_risk');
});

t('says done when nothing remains, even after the due date', () => {
  const cleared = history('2026-11-01', [10, 4, 0]);
  assert.is(projectFinish(cleared, '2026-11-02', '2026-11-03').status, 'done');
});

t('says overdue when alerts remain after the due date', () => {
  const p = projectFinish(burning, '2026-11-10', '2026-11-11');
  assert.is(p.status, 'overdue');
  assert.is(p.remaining, 80);
});

t('says unknown with a single day of history', () => {
  const p = projectFinish([{ day: '2026-11-01', remaining: 40 }], '2027-01-01', '2026-11-01');
  assert.is(p.status, 'unknown');
});

t.run();
