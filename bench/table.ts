// The bench's output: one row per figure, with the goal beside it and whether it was met.
// The same rows go to stdout and to bench/BENCHMARKS.md.
import { writeFileSync } from 'node:fs';

export type Verdict = 'met' | 'missed' | 'info' | 'not measured';

export interface BenchRow {
  area: string;
  figure: string;
  value: string;
  goal: string;
  verdict: Verdict;
}

export function row(
  area: string,
  figure: string,
  value: string,
  goal: string,
  met?: boolean,
): BenchRow {
  return {
    area,
    figure,
    value,
    goal,
    verdict: met === undefined ? 'info' : met ? 'met' : 'missed',
  };
}

export function notMeasured(area: string, figure: string, goal: string, why: string): BenchRow {
  return { area, figure, value: `not measured: ${why}`, goal, verdict: 'not measured' };
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderTable(rows: BenchRow[]): string {
  const head = '| Area | Figure | Measured | Goal | Verdict |\n|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${cell(r.area)} | ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.goal)} | ${r.verdict} |`,
  );
  return [head, ...body].join('\n');
}

export function writeReport(path: string, rows: BenchRow[], notes: string[]): void {
  const text = [
    '# Burndown benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts). Do not edit by hand: run it again.',
    '',
    renderTable(rows),
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  writeFileSync(path, text);
}
