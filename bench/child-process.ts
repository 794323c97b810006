// Runs a bench server in its own process so the load generator in this one does not take
// its CPU: the machine has two cores, one for the server and one for the load. Messages go
// both ways over the IPC channel; every wait is bounded.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildMessage {
  type: string;
  [key: string]: unknown;
}

export interface BenchChild {
  /** The child's process id, to read its CPU time from /proc. */
  pid: number;
  /** Sends a request and resolves with the first message of type `reply`. */
  ask(message: ChildMessage, reply: string, timeoutMs?: number): Promise<ChildMessage>;
  stop(): Promise<void>;
}

function waitForMessage(child: ChildProcess, type: string, timeoutMs: number) {
  return new Promise<ChildMessage>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`bench child did not answer "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: ChildMessage) => {
      if (m?.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(m);
    };
    child.on('message', onMessage);
  });
}

/**
 * Starts a bench script with `input` as JSON and waits for its `ready`: a `.ts` under
 * bench/ runs through tsx, an absolute `.js` path (see build-bot.ts) runs on plain node.
 */
export async function startChild(
  script: string,
  input: unknown,
): Promise<BenchChild & { ready: ChildMessage }> {
  const compiled = script.endsWith('.js');
  const file = compiled ? script : fileURLToPath(new URL(script, import.meta.url));
  const loader = compiled ? [] : ['--import', 'tsx'];
  // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers under load;
  // Node refuses such flags in NODE_OPTIONS.
  const extra = process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...extra, ...loader, file, JSON.stringify(input)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = await Promise.race([
    waitForMessage(child, 'ready', 30_000),
    exited.then(() => {
      throw new Error(`bench child ${script} exited before it was ready`);
    }),
  ]);
  return {
    pid: child.pid ?? 0,
    ready,
    ask(message, reply, timeoutMs = 10_000) {
      const answer = waitForMessage(child, reply, timeoutMs);
      child.send(message);
      return answer;
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
    },
  };
}
