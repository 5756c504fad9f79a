import type { Strategy } from './strategy.js';

/**
 * A recorded schedule's steps, then another strategy once they are used up, or from the first step the
 * recording names an actor that cannot run. Unlike replay, it never refuses: it is how a witness cut right
 * after its bug is run to the end, and how a recording is tried on a program it may no longer fit exactly.
 */
export class PrefixStrategy implements Strategy {
  readonly name = 'prefix';
  private fits = true;

  constructor(
    private readonly steps: readonly number[],
    private readonly then: Strategy,
  ) {}

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    if (this.fits && step < this.steps.length) {
      const want = this.steps[step]!;
      for (let i = 0; i < count; i++) if (runnable[i] === want) return want;
      this.fits = false;
    }
    return this.then.pick(runnable, count, step);
  }
}
