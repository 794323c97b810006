// The burndown chart: open alerts per day against the ideal straight line from the start
// to zero on the due date. Vega-Lite describes it, Vega renders SVG, resvg turns that into
// PNG. All three run in-process with no network and no native canvas; text is drawn with
// DejaVu Sans (Debian package fonts-dejavu-core), falling back to any system font.
import { existsSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';

export interface ChartPoint {
  day: string;
  remaining: number;
}

export interface ChartInput {
  title: string;
  actual: ChartPoint[];
  /** The ideal line runs from (startDay, startRemaining) to (dueDay, 0). */
  startDay: string;
  startRemaining: number;
  dueDay: string;
}

/** Size of the chart in CSS pixels; the PNG is drawn at SCALE times this for sharp text. */
export const CHART_SIZE = { width: 720, height: 360, scale: 1.5 } as const;

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
const FONT_FILES = [`${FONT_DIR}/DejaVuSans.ttf`, `${FONT_DIR}/DejaVuSans-Bold.ttf`];
const FONT = 'DejaVu Sans';

// The spec is compiled once; each chart only swaps its data and title.
const SPEC = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: CHART_SIZE.width,
  height: CHART_SIZE.height,
  autosize: { type: 'fit', contains: 'padding' },
  padding: 12,
  background: 'white',
  title: { text: { signal: 'chartTitle' }, anchor: 'start', fontSize: 15 },
  params: [{ name: 'chartTitle', value: '' }],
  config: { font: FONT, axis: { labelFontSize: 11, titleFontSize: 12 } },
  data: { name: 'points' },
  // Points too: a campaign's first day of history is a single point, which a line hides.
  mark: { type: 'line', point: true, strokeWidth: 2.5 },
  encoding: {
    x: { field: 'day', type: 'temporal', title: null, axis: { format: '%b %d', tickCount: 8 } },
    y: { field: 'remaining', type: 'quantitative', title: 'Open alerts', scale: { zero: true } },
    color: {
      field: 'series',
      type: 'nominal',
      title: null,
      scale: { domain: ['Actual', 'Ideal'], range: ['#d9480f', '#868e96'] },
      legend: { orient: 'top-right' },
    },
    strokeDash: {
      field: 'series',
      type: 'nominal',
      scale: {
        domain: ['Actual', 'Ideal'],
        range: [
          [1, 0],
          [6, 4],
        ],
      },
    },
  },
} as TopLevelSpec;

// The renderers weigh about 28 MB; they load on the first chart, not at start-up, so a
// replica that never draws one (or has not yet) stays small.
let engines:
  | Promise<{
      vega: typeof import('vega');
      runtime: import('vega').Runtime;
      Resvg: typeof import('@resvg/resvg-js').Resvg;
    }>
  | undefined;
function loadEngines() {
  engines ??= (async () => {
    const [vega, vegaLite, resvg] = await Promise.all([
      import('vega'),
      import('vega-lite'),
      import('@resvg/resvg-js'),
    ]);
    const runtime = vega.parse(vegaLite.compile(SPEC).spec);
    return { vega, runtime, Resvg: resvg.Resvg };
  })();
  return engines;
}

let fontOptions: { fontFiles: string[]; loadSystemFonts: boolean; defaultFontFamily: string };
function fonts() {
  fontOptions ??= (() => {
    const files = FONT_FILES.filter((f) => existsSync(f));
    // Without DejaVu, system fonts are the fallback: slower to load but still offline.
    return { fontFiles: files, loadSystemFonts: files.length === 0, defaultFontFamily: FONT };
  })();
  return fontOptions;
}

export function chartValues(input: ChartInput) {
  return [
    ...input.actual.map((p) => ({ day: p.day, remaining: p.remaining, series: 'Actual' })),
    { day: input.startDay, remaining: input.startRemaining, series: 'Ideal' },
    { day: input.dueDay, remaining: 0, series: 'Ideal' },
  ];
}

export async function renderChartSvg(input: ChartInput): Promise<string> {
  const { vega, runtime } = await loadEngines();
  const view = new vega.View(runtime, { renderer: 'none' });
  try {
    view.data('points', chartValues(input));
    view.signal('chartTitle', input.title);
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes, CHART_SIZE.width × scale by CHART_SIZE.height × scale. */
export async function renderBurndownChart(input: ChartInput): Promise<Buffer> {
  const svg = await renderChartSvg(input);
  const { Resvg } = await loadEngines();
  const png = new Resvg(svg, {
    font: fonts(),
    fitTo: { mode: 'zoom', value: CHART_SIZE.scale },
  })
    .render()
    .asPng();
  return Buffer.from(png);
}
