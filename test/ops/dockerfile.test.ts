import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { REPO_ROOT } from './app-surface.ts';

interface Instruction {
  op: string;
  args: string;
  stage: number;
}

// Joins continued lines, drops comments, and numbers the stages (one per FROM).
function instructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((l) => !/^\s*#/.test(l))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  let stage = -1;
  return logical.map((line) => {
    const [op = '', ...rest] = line.split(/\s+/);
    if (op.toUpperCase() === 'FROM') stage++;
    return { op: op.toUpperCase(), args: rest.join(' '), stage };
  });
}

const steps = instructions(readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8'));
const last = Math.max(...steps.map((s) => s.stage));
const runtime = steps.filter((s) => s.stage === last);
const find = (list: Instruction[], op: string) => list.filter((s) => s.op === op);

test('the Dockerfile builds in one stage and runs from another on Node 20 slim', () => {
  const froms = find(steps, 'FROM');
  assert.ok(froms.length >= 2);
  for (const f of froms) assert.match(f.args, /^node:20-bookworm-slim\b/);
  assert.ok(find(steps, 'RUN').some((s) => s.stage < last && s.args.includes('npm run build')));
  assert.ok(find(runtime, 'COPY').some((s) => /--from=build\s+\/app\/dist/.test(s.args)));
});

test('the runtime image has production dependencies only and fonts for charts', () => {
  const runs = find(runtime, 'RUN').map((s) => s.args);
  assert.ok(runs.some((r) => /npm ci\b.*--omit=dev/.test(r)));
  assert.not.ok(runs.some((r) => /npm (ci|install)\b(?!.*--omit=dev)/.test(r)));
  assert.ok(runs.some((r) => /apt-get install .*fonts-dejavu-core/.test(r)));
});

test('the image runs as a non-root user and checks /healthz with node', () => {
  const users = find(runtime, 'USER');
  assert.is(users.length, 1);
  assert.not.match(users[0]!.args, /^(root|0)(:|$)/);
  const health = find(runtime, 'HEALTHCHECK')[0]?.args ?? '';
  assert.match(health, '/healthz');
  assert.match(health, /CMD \["node", "-e"/);
  // Every later instruction runs as that user: USER comes after the installs.
  const userAt = runtime.indexOf(users[0]!);
  assert.ok(runtime.slice(userAt).every((s) => s.op !== 'RUN'));
});

test('the image starts the compiled entry point and its doctor, on the configured port', () => {
  const cmd = JSON.parse(find(runtime, 'CMD').at(-1)!.args) as string[];
  assert.equal(cmd, ['node', 'dist/src/main.js']);
  assert.ok(existsSync(join(REPO_ROOT, 'src/main.ts')));
  const doctor = find(runtime, 'RUN').find((s) => s.args.includes('scripts.doctor'));
  assert.match(doctor?.args ?? '', 'node dist/src/doctor/main.js');
  assert.ok(existsSync(join(REPO_ROOT, 'src/doctor/main.ts')));
  const configMap = parse(readFileSync(join(REPO_ROOT, 'manifests/configmap.yaml'), 'utf8'));
  assert.is(find(runtime, 'EXPOSE')[0]?.args, configMap.data.PORT);
  assert.match(find(runtime, 'STOPSIGNAL')[0]?.args ?? '', 'SIGTERM');
  // main.ts must handle the signal the image stops with.
  assert.match(readFileSync(join(REPO_ROOT, 'src/main.ts'), 'utf8'), "process.on('SIGTERM'");
});

test.run();
