import type { Footprint } from '../footprint.js';

/**
 * A strategy decides, at every step, which runnable actor goes next. One strategy per file implements this
 * interface; the engine consults it at every step, forced ones included, so a replaying strategy can check
 * each step against what it recorded.
 */
export interface Strategy {
  readonly name: string;
  /**
   * Returns the id of the actor to run at `step` (0-based), chosen among `runnable[0..count)` (ids in ascending
   * order), or -1 to end the execution here (a replayed schedule that is used up).
   */
  pick(runnable: ArrayLike<number>, count: number, step: number): number;
  /**
   * Set by strategies that reason about dependencies (DPOR): the engine then records every step's footprint and
   * hands it to `observe` once the step has run.
   */
  readonly observes?: boolean;
  /** `fp` is reused for the next step: settle it (footprint.ts) to keep it. */
  observe?(step: number, actor: number, fp: Footprint): void;
  /**
   * For observing strategies, once the execution has ended: the actors left waiting (not idle daemons), each
   * with what its wait depends on. A waiting actor's next step is a step too, one that could not run: DPOR
   * looks for the orders in which it could have.
   */
  ended?(waiting: readonly Waiting[]): void;
}

/**
 * An actor an execution left without running its next step: blocked (what its wait depends on, and whether its
 * next step takes a lock), or able to run when a fatal report ended the execution (`deps` null: what that step
 * would have touched is unknown).
 */
export interface Waiting {
  readonly actor: number;
  readonly deps: readonly number[] | null;
  readonly acquire: boolean;
}

/** What `pick` returns to end an execution here: a replayed schedule is used up. */
export const END = -1;
/** What `pick` returns to abandon an execution as redundant (every choice left is covered elsewhere). */
export const PRUNE = -2;

/** Thrown by a strategy that cannot follow its instructions (a replayed step names an actor that is not runnable). */
export class ScheduleMismatchError extends Error {
  constructor(
    readonly step: number,
    readonly wanted: number,
    readonly runnable: readonly number[],
  ) {
    super(`step ${step + 1}: the schedule runs actor ${wanted}, which is not runnable`);
    this.name = 'ScheduleMismatchError';
  }
}
