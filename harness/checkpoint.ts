/** How often a long single-threaded run lets the event loop in: rarely enough to cost nothing, often enough for Ctrl-C. */
export const PAUSE_EVERY_MS = 50;

/**
 * The place between two executions where a long run may stop. A run is one synchronous loop, and a signal's
 * handler (which is what asks it to stop) only runs when the event loop does, so every PAUSE_EVERY_MS of work
 * (by the caller's clock, never the simulated world's) the loop yields once. Stopping here, after a whole
 * execution, keeps an interrupted run's results those of exactly the executions it completed.
 */
export class Checkpoint {
  private lastPause: number;

  constructor(
    private readonly now: () => number,
    private readonly stopRequested: () => boolean,
  ) {
    this.lastPause = now();
  }

  /** True when the run should stop now (asked before or during the pause). */
  async reached(): Promise<boolean> {
    if (this.pauseDue()) await this.pause();
    return this.stopRequested();
  }

  /**
   * Whether the loop should let the event loop in now. A loop that asks this first and awaits `pause()` only when
   * it is due costs one clock read per execution, not a promise and a microtask.
   */
  pauseDue(): boolean {
    return this.now() - this.lastPause >= PAUSE_EVERY_MS;
  }

  async pause(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastPause = this.now();
  }

  /** Whether a stop was asked, without pausing: before starting another scenario. */
  stopped(): boolean {
    return this.stopRequested();
  }
}
