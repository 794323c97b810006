// Anyone on the internet can post to /github/webhooks. Unsigned noise gets 401 and must cost
// Burndown nothing that lasts: no new metric series per made-up event name, and no "burst"
// that would make the queue worker step back from real deliveries.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { BURST_PER_SECOND } from '../../src/queue/intake-pressure.ts';
import { codeScanningAlertEvent } from '../fixtures/github-webhooks.ts';
import { type Harness, startHarness } from '../helpers/harness.ts';

const t = suite<{ h: Harness }>('intake abuse', {} as { h: Harness });

t.before.each(async (ctx) => {
  ctx.h = await startHarness({ store: 'memory' });
  await ctx.h.bot.worker.stop();
});

t.after.each(async ({ h }) => {
  await h.close();
});

const body = JSON.stringify(codeScanningAlertEvent('created', {}));

async function unsigned(h: Harness, event: string, n: number) {
  const res = await fetch(`${h.url}/github/webhooks`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': `noise-${n}`,
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
    },
    body,
  });
  return res.status;
}

t('made-up event names on unsigned requests add no metric series', async ({ h }) => {
  const statuses = await Promise.all(
    Array.from({ length: 40 }, (_, i) => unsigned(h, `made-up-event-${i}`, i)),
  );
  assert.ok(
    statuses.every((s) => s === 401),
    'every one refused',
  );
  const metrics = await (await fetch(`${h.url}/metrics`)).text();
  assert.not.match(metrics, 'made-up-event');
  assert.match(
    metrics,
    /burndown_webhook_deliveries_total\{event="unverified",outcome="bad_signature"\} 40/,
  );
});

t('a flood of unsigned requests is not a burst of deliveries', async ({ h }) => {
  // More than a second's worth of the burst threshold, as fast as the loopback allows.
  const flood = BURST_PER_SECOND * 2;
  for (let sent = 0; sent < flood; sent += 50) {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => unsigned(h, 'code_scanning_alert', sent + i)),
    );
  }
  assert.is(h.bot.pressure.rate(), 0, 'not one counted as a delivery');
  assert.not.ok(h.bot.pressure.bursting());
});

t.run();
