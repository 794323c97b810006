// A due date is a day on the team's calendar: the instant sent to GitHub is the last second
// of that day where the team is, on daylight-saving days as on any other.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dayIn, dueText, endOfDay } from '../../src/campaigns/due-date.ts';

/** The instant, the day it falls on there, and the day one second later. */
function ends(day: string, tz: string) {
  const at = endOfDay(day, tz);
  const next = new Date(Date.parse(at) + 1000);
  return { at, day: dayIn(tz, new Date(at)), next: dayIn(tz, next) };
}

test('in Auckland a campaign due the day clocks go back ends that day, not the next', () => {
  // NZDT (+13) ends at 03:00 on Sunday 6 April 2025: Saturday is still +13 to its end.
  assert.equal(ends('2025-04-05', 'Pacific/Auckland'), {
    at: '2025-04-05T10:59:59Z',
    day: '2025-04-05',
    next: '2025-04-06',
  });
  assert.is(
    dueText(endOfDay('2025-04-05', 'Pacific/Auckland'), 'Pacific/Auckland', new Date(0), true),
    'was due 2025-04-05',
  );
  assert.equal(ends('2025-04-06', 'Pacific/Auckland').at, '2025-04-06T11:59:59Z');
});

test('in Auckland the day before clocks go forward keeps its last hour', () => {
  // NZST (+12) until 02:00 on Sunday 28 September 2025, then NZDT (+13).
  assert.equal(ends('2025-09-27', 'Pacific/Auckland'), {
    at: '2025-09-27T11:59:59Z',
    day: '2025-09-27',
    next: '2025-09-28',
  });
  assert.equal(ends('2025-09-28', 'Pacific/Auckland').at, '2025-09-28T10:59:59Z');
});

test('in New York the days clocks change end at local midnight', () => {
  assert.equal(ends('2025-03-08', 'America/New_York').at, '2025-03-09T04:59:59Z');
  assert.equal(ends('2025-03-09', 'America/New_York').at, '2025-03-10T03:59:59Z');
  assert.equal(ends('2025-11-01', 'America/New_York').at, '2025-11-02T03:59:59Z');
  assert.equal(ends('2025-11-02', 'America/New_York').at, '2025-11-03T04:59:59Z');
  for (const day of ['2025-03-09', '2025-11-02']) {
    const e = ends(day, 'America/New_York');
    assert.equal([e.day, e.next > day], [day, true], day);
  }
});

test('where clocks go back at midnight the day ends at its second 23:59:59', () => {
  // Santiago leaves -03 for -04 at 24:00 on Saturday 5 April 2025: 23:00–23:59 happens twice.
  assert.equal(ends('2025-04-05', 'America/Santiago'), {
    at: '2025-04-06T03:59:59Z',
    day: '2025-04-05',
    next: '2025-04-06',
  });
});

test('an ordinary day ends at local midnight, with whole and half-hour offsets', () => {
  assert.equal(ends('2025-06-15', 'UTC').at, '2025-06-15T23:59:59Z');
  assert.equal(ends('2025-06-15', 'America/Los_Angeles').at, '2025-06-16T06:59:59Z');
  assert.equal(ends('2025-06-15', 'Asia/Kolkata').at, '2025-06-15T18:29:59Z');
  assert.equal(ends('2025-06-15', 'Pacific/Auckland').at, '2025-06-15T11:59:59Z');
});

test.run();
