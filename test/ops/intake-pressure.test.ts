// When the webhook intake counts as under a burst: the queue worker steps back then, so a
// wrong answer either way costs GitHub's patience or the developers' DMs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BURST_PER_SECOND, IntakePressure } from '../../src/queue/intake-pressure.ts';

function clocked() {
  let now = 0;
  const pressure = new IntakePressure(BURST_PER_SECOND, () => now);
  /** Spreads `count` deliveries evenly over `ms` milliseconds. */
  const arrive = (count: number, ms: number) => {
    for (let i = 0; i < count; i++) {
      now += ms / count;
      pressure.note();
    }
  };
  const wait = (ms: number) => {
    now += ms;
  };
  return { pressure, arrive, wait };
}

test('ordinary traffic is not a burst, nor a busy spell the worker keeps up with', () => {
  const { pressure, arrive } = clocked();
  arrive(200, 1000);
  assert.not.ok(pressure.bursting(), `${pressure.rate()}/s`);
  arrive(1000, 1000);
  assert.not.ok(pressure.bursting(), `${pressure.rate()}/s`);
});

test('three thousand deliveries a second is a burst, noticed within the first window', () => {
  const { pressure, arrive } = clocked();
  arrive(300, 100);
  assert.ok(pressure.bursting(), `${pressure.rate()}/s`);
  arrive(3000, 1000);
  assert.ok(pressure.bursting(), `${pressure.rate()}/s`);
});

test('the burst ends once deliveries stop', () => {
  const { pressure, arrive, wait } = clocked();
  arrive(3000, 1000);
  wait(600);
  assert.not.ok(pressure.bursting(), `${pressure.rate()}/s`);
});

test('one delivery just after a quiet spell is not a burst', () => {
  const { pressure, arrive, wait } = clocked();
  wait(5000);
  arrive(1, 1);
  assert.not.ok(pressure.bursting(), `${pressure.rate()}/s`);
});

test.run();
