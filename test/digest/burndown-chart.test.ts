import net from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CHART_SIZE, renderBurndownChart } from '../../src/digest/burndown-chart.ts';
import { addDays } from '../../src/digest/day-key.ts';

const t = suite('renderBurndownChart');

const input = {
  title: 'Critical <CodeQL> & friends: open alerts',
  actual: Array.from({ length: 30 }, (_, i) => ({
    day: addDays('2026-11-01', i),
    remaining: 400 - i * 9,
  })),
  startDay: '2026-11-01',
  startRemaining: 400,
  dueDay: '2027-01-15',
};

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

t('draws a PNG of the expected size without touching the network', async () => {
  const attempts: string[] = [];
  const realFetch = globalThis.fetch;
  const realConnect = net.Socket.prototype.connect;
  globalThis.fetch = (async (url: unknown) => {
    attempts.push(`fetch ${String(url)}`);
    throw new Error('network disabled in this test');
  }) as typeof fetch;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    attempts.push(`connect ${JSON.stringify(args[0])}`);
    throw new Error('network disabled in this test');
  } as typeof net.Socket.prototype.connect;
  let png: Buffer;
  try {
    png = await renderBurndownChart(input);
  } finally {
    globalThis.fetch = realFetch;
    net.Socket.prototype.connect = realConnect;
  }

  assert.equal(attempts, []);
  assert.equal([...png.subarray(0, 8)], PNG_SIGNATURE);
  // The first chunk is IHDR: length (4), type (4), then width and height.
  assert.is(png.subarray(12, 16).toString('ascii'), 'IHDR');
  assert.is(png.readUInt32BE(16), CHART_SIZE.width * CHART_SIZE.scale);
  assert.is(png.readUInt32BE(20), CHART_SIZE.height * CHART_SIZE.scale);
  assert.ok(png.length > 5_000, 'the chart has content');
});

t('draws a campaign with a single day of history', async () => {
  const png = await renderBurndownChart({ ...input, actual: input.actual.slice(0, 1) });
  assert.is(png.readUInt32BE(16), CHART_SIZE.width * CHART_SIZE.scale);
});

t.run();
