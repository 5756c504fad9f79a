import { Rng } from '../rng.js';
import type { Strategy } from './strategy.js';

/**
 * Uniform random walk: at every step with a choice, each runnable actor is equally likely. Forced steps draw
 * nothing, so adding a forced step to a model does not reshuffle the rest of a seeded run.
 */
export class RandomStrategy implements Strategy {
  readonly name = 'random';
  private readonly rng: Rng;

  constructor(seed: string | number, run: number) {
    this.rng = Rng.forRun(seed, run);
  }

  pick(runnable: ArrayLike<number>, count: number): number {
    return count === 1 ? runnable[0]! : runnable[this.rng.int(count)]!;
  }
}
