import { allCheckers } from '../checkers/index.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { decodeSchedule } from '../sim/schedule.js';
import { ReplayStrategy } from '../sim/strategy/replay.js';
import { RandomStrategy } from '../sim/strategy/random.js';
import { runOnce, type RunResult } from './run.js';

/**
 * Replays schedules in one "boot": every schedule but the last runs first, untraced, with the same checkers
 * (their lockdep graph carries over, as a finding that rests on an earlier run needs); the last one is traced.
 */
export function replaySchedules(variant: Variant, scenario: Scenario, schedules: readonly string[], maxSteps?: number): RunResult {
  const decoded = schedules.map((s) => decodeSchedule(s));
  const checkers = allCheckers();
  let last: RunResult | null = null;
  decoded.forEach((steps, i) => {
    last = runOnce({
      variant,
      scenario,
      strategy: new ReplayStrategy(steps),
      checkers,
      run: i,
      tracing: i === decoded.length - 1,
      ...(maxSteps !== undefined ? { maxSteps } : {}),
    });
  });
  return last!;
}

/** Reruns run `run` of a seeded random exploration, traced. */
export function replaySeed(variant: Variant, scenario: Scenario, seed: string, run: number, maxSteps?: number): RunResult {
  return runOnce({ variant, scenario, strategy: new RandomStrategy(seed, run), tracing: true, run, ...(maxSteps !== undefined ? { maxSteps } : {}) });
}
