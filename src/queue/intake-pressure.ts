// How hard GitHub is pushing deliveries at this replica right now. The intake notes each
// signed delivery; the queue worker asks before each batch, and during a burst it steps back
// so that answering GitHub (which gives up after 10 seconds and never retries) keeps the
// CPU. The queue is durable, so work deferred for a moment is not work lost.

/**
 * Deliveries a second above which this replica counts as under a burst. Below it the worker
 * keeps up at full speed and the developers' DMs do not wait (`npm run bench` shows both
 * sides: DMs during 1,000 a second, and the intake at saturation).
 */
export const BURST_PER_SECOND = 1500;

const WINDOW_MS = 250;

export class IntakePressure {
  private windowStart: number;
  private inWindow = 0;
  private lastRate = 0;

  constructor(
    private readonly burstPerSecond = BURST_PER_SECOND,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.windowStart = now();
  }

  /** Called by the intake for each signed delivery. */
  note(): void {
    this.roll();
    this.inWindow++;
  }

  /** Deliveries a second over the last full window, or the current one once it says more. */
  rate(): number {
    this.roll();
    const elapsed = this.now() - this.windowStart;
    // A window a few milliseconds old would make one delivery look like a flood.
    const current = elapsed >= WINDOW_MS / 5 ? (this.inWindow / elapsed) * 1000 : 0;
    return Math.max(this.lastRate, current);
  }

  /** Whether the worker should leave the CPU to the intake for a while. */
  bursting(): boolean {
    return this.rate() > this.burstPerSecond;
  }

  private roll(): void {
    const t = this.now();
    const elapsed = t - this.windowStart;
    if (elapsed < WINDOW_MS) return;
    // A window with no arrivals at all ends the burst: the rate is read from the last one.
    this.lastRate = elapsed < 2 * WINDOW_MS ? (this.inWindow / elapsed) * 1000 : 0;
    this.inWindow = 0;
    this.windowStart = t;
  }
}
