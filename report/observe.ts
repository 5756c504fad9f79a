import { replaySchedules } from '../harness/replay.js';
import type { RunResult } from '../harness/run.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { settle, type Footprint, type StepAccess } from '../sim/footprint.js';
import { ReplayStrategy } from '../sim/strategy/replay.js';
import { Recorder } from './recorder.js';

/** A replay that also keeps every step's footprint, for the causal slice of a race diagram. */
class ObservingReplay extends ReplayStrategy {
  readonly observes = true;
  readonly accesses: StepAccess[] = [];

  observe(_step: number, actor: number, fp: Footprint): void {
    this.accesses.push(settle(actor, fp));
  }
}

/** One traced replay with what every view of it needs: the run, each step's footprint, lifetimes and lock holds. */
export interface ObservedReplay {
  readonly result: RunResult;
  readonly accesses: readonly StepAccess[];
  readonly recorder: Recorder;
}

/** Replays `schedules` (the last one traced, as `cgsim replay` does) and observes the traced one. */
export function observeReplay(variant: Variant, scenario: Scenario, schedules: readonly string[], maxSteps?: number): ObservedReplay {
  const recorder = new Recorder();
  let strategy: ObservingReplay | null = null;
  const result = replaySchedules(variant, scenario, schedules, maxSteps, {
    observers: [recorder],
    strategy: (steps) => (strategy = new ObservingReplay(steps)),
  });
  return { result, accesses: strategy === null ? [] : (strategy as ObservingReplay).accesses, recorder };
}
