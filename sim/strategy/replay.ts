import { ScheduleMismatchError, type Strategy } from './strategy.js';

/**
 * Follows a recorded schedule step for step. Every step is checked: a step naming an actor that is not runnable
 * is a mismatch (the schedule belongs to another scenario or another model), never silently skipped. When the
 * schedule is used up the execution ends there: a schedule recorded up to a bug replays up to that bug.
 */
export class ReplayStrategy implements Strategy {
  readonly name = 'replay';

  constructor(private readonly steps: readonly number[]) {}

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    if (step >= this.steps.length) return -1;
    const wanted = this.steps[step]!;
    for (let i = 0; i < count; i++) if (runnable[i] === wanted) return wanted;
    throw new ScheduleMismatchError(step, wanted, Array.from({ length: count }, (_, i) => runnable[i]!));
  }
}
