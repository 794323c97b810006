// Slash command ack: Slack gives up after 3 seconds, so `/campaign` must answer at once even
// while GitHub takes 5 seconds for every request the command makes.
import { randomUUID } from 'node:crypto';
import { SIGNING_SECRET } from '../test/helpers/harness.ts';
import { signSlackRequest, slashCommandBody } from '../test/helpers/sign-slack.ts';
import type { BenchWorld } from './bench-world.ts';
import { type LoadRequest, openLoop } from './load.ts';
import { ms, summarize } from './stats.ts';
import { type BenchRow, row } from './table.ts';

const RATE = 10;
const DURATION_MS = 5000;
const GITHUB_DELAY_MS = 5000;

const WARM_UP_COMMANDS = 3;

function command(world: BenchWorld, responseId: string): LoadRequest {
  const body = slashCommandBody({
    command: '/campaign',
    text: 'list open',
    user_id: 'U0ALICE',
    channel_id: 'C0GENERAL',
    response_url: world.slack.responseUrl(responseId),
  });
  return { path: '/slack/events', headers: { ...signSlackRequest(body, SIGNING_SECRET) }, body };
}

/**
 * A few commands answered in full before the clock starts. The first request of each kind
 * makes the GitHub double (in the load generator's process) compile its OpenAPI validators,
 * which stalls the load generator's own timers for over 100 ms; that is the bench measuring
 * itself, not the bot. A bot that has just started pays this once, not per command.
 */
async function warmUp(world: BenchWorld): Promise<void> {
  const ids = Array.from({ length: WARM_UP_COMMANDS }, () => randomUUID());
  for (const id of ids) {
    const req = command(world, id);
    await fetch(`${world.botUrl}${req.path}`, {
      method: 'POST',
      headers: req.headers,
      body: req.body,
    }).then((r) => r.text());
  }
  const until = Date.now() + 5000;
  while (ids.some((id) => world.slack.responses(id).length === 0) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function slashAckBench(world: BenchWorld): Promise<BenchRow[]> {
  await warmUp(world);
  world.github.failNext(() => true, { delayMs: GITHUB_DELAY_MS, times: 10_000 });
  const next = (): LoadRequest => command(world, randomUUID());
  try {
    const load = await openLoop({
      origin: world.botUrl,
      rate: RATE,
      durationMs: DURATION_MS,
      maxInFlight: 64,
      next,
    });
    const s = summarize(load.latencies);
    const ok = load.statuses[200] ?? 0;
    const slowGitHub = world.github.requests.length > 0;
    return [
      row(
        'Slash command ack',
        `p50 / p99 with GitHub answering in ${GITHUB_DELAY_MS / 1000} s (${load.sent} commands` +
          ` after ${WARM_UP_COMMANDS} to warm up)`,
        `${ms(s.p50)} / ${ms(s.p99)}; ${ok}/${load.sent} acked 200` +
          (slowGitHub ? '' : '; GitHub was never called'),
        'p99 < 50 ms',
        s.p99 < 50 && ok === load.sent && slowGitHub,
      ),
    ];
  } finally {
    // Requests already held keep their delay; later ones (other sections) do not get one.
    world.github.clearFailures();
  }
}
