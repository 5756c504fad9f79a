import { allCheckers } from '../checkers/index.js';
import type { Checker } from '../model/probes.js';
import type { Variant } from '../model/variant.js';
import type { Strategy } from '../sim/strategy/strategy.js';
import type { Scenario } from '../scenarios/scenario.js';
import { decodeSchedule } from '../sim/schedule.js';
import { ReplayStrategy } from '../sim/strategy/replay.js';
import { runOnce, type RunResult } from './run.js';
import { planFor } from './explore.js';
import { UnknownNameError } from './resolve.js';
import type { StrategyName } from './runPlan.js';

/** What a report wants to see of the traced replay besides its trace: extra hook listeners, and its strategy (one that records footprints). */
export interface ReplayObservers {
  readonly observers?: readonly Checker[];
  readonly strategy?: (steps: readonly number[]) => Strategy;
}

/**
 * Replays schedules in one "boot": every schedule but the last runs first, untraced, with the same checkers
 * (their lockdep graph carries over, as a finding that rests on an earlier run needs); the last one is traced.
 */
export function replaySchedules(variant: Variant, scenario: Scenario, schedules: readonly string[], maxSteps?: number, observe?: ReplayObservers): RunResult {
  const decoded = schedules.map((s) => decodeSchedule(s));
  const checkers = [...allCheckers(), ...(observe?.observers ?? [])];
  let last: RunResult | null = null;
  decoded.forEach((steps, i) => {
    last = runOnce({
      variant,
      scenario,
      strategy: i === decoded.length - 1 && observe?.strategy !== undefined ? observe.strategy(steps) : new ReplayStrategy(steps),
      checkers,
      run: i,
      tracing: i === decoded.length - 1,
      ...(maxSteps !== undefined ? { maxSteps } : {}),
    });
  });
  return last!;
}

/**
 * Reruns run `run` of a seeded exploration, traced unless `tracing: false` (a caller that only wants its
 * schedule). A random or PCT run needs only the seed and the index; a systematic one (dfs, bounded, a DPOR run of
 * the portfolio) needs the search up to it, which is rerun untraced.
 */
export function replaySeed(
  variant: Variant,
  scenario: Scenario,
  seed: string,
  run: number,
  opts: { readonly strategy?: StrategyName; readonly depth?: number; readonly preemptions?: number; readonly maxSteps?: number; readonly tracing?: boolean } = {},
): RunResult {
  const maxSteps = opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {};
  const { plan } = planFor({ variant, seed, ...opts }, scenario);
  for (let i = 0; i < run; i++) {
    const s = plan.next(i);
    if (s === null) throw new UnknownNameError(`run ${run} does not exist: this exploration ends after ${i} run(s)`);
    if (!plan.isSystematic()) continue;
    const { outcome } = runOnce({ variant, scenario, strategy: s, run: i, ...maxSteps });
    plan.done(outcome.ending);
  }
  const strategy = plan.next(run);
  if (strategy === null) throw new UnknownNameError(`run ${run} does not exist: this exploration ends after ${run} run(s)`);
  return runOnce({ variant, scenario, strategy, tracing: opts.tracing ?? true, run, ...maxSteps });
}
