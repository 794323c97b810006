// The real bot as a child process (`node --import tsx src/main.ts`), for tests about signals
// and restarts. Its JSON log lines are parsed as they arrive.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '../helpers/harness.ts';
import { REPO_ROOT } from './app-surface.ts';

export interface BotProcess {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  url: string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  linesWith(msg: string): Record<string, unknown>[];
}

export async function startBotProcess(env: Record<string, string>): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) logs.push(JSON.parse(line));
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const linesWith = (msg: string) => logs.filter((l) => l.msg === msg);
  const started = await waitFor(
    () => linesWith('burndown started')[0] ?? (child.exitCode !== null && 'exit'),
    15_000,
    'the bot process to start',
  );
  if (started === 'exit') throw new Error(`bot process exited: ${stderr}`);
  return { child, logs, url: `http://127.0.0.1:${started.port}`, exited, linesWith };
}

/** Forwards Web API calls to `target` after a pause, so a burst takes a while to handle. */
export async function startSlowProxy(target: string, delayMs: number): Promise<Server> {
  const origin = new URL(target).origin;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    await new Promise((r) => setTimeout(r, delayMs));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && k !== 'host' && k !== 'content-length') headers[k] = v;
    }
    const answer = await fetch(`${origin}${req.url}`, {
      method: req.method,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    const out: Record<string, string> = {};
    answer.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'content-length' && k !== 'transfer-encoding')
        out[k] = v;
    });
    res.writeHead(answer.status, out);
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

export const proxyUrl = (server: Server) =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
