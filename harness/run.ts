import { currentHeartbeat } from './heartbeat.js';
import { allCheckers } from '../checkers/index.js';
import type { Checker } from '../model/probes.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { Execution, type Outcome } from '../sim/execution.js';
import { encodeSchedule } from '../sim/schedule.js';
import type { Strategy } from '../sim/strategy/strategy.js';
import { catchingCrash } from './crash.js';
import { programFor } from './program.js';

export interface RunOptions {
  readonly variant: Variant;
  readonly scenario: Scenario;
  readonly strategy: Strategy;
  /** Checkers to use; a fresh full set when absent. Pass the same set across runs to share lockdep's graph. */
  readonly checkers?: readonly Checker[];
  /** Index of this run in its exploration. */
  readonly run?: number;
  readonly tracing?: boolean;
  readonly maxSteps?: number;
  readonly stopAtFirstBug?: boolean;
}

export interface RunResult {
  readonly outcome: Outcome;
  /** The schedule string (encoded on first use). */
  readonly schedule: string;
}

/** One execution; the checkers are told where the run ended. A throw of model code becomes a ModelCrash. */
export function runOnce(o: RunOptions): RunResult {
  const checkers = o.checkers ?? allCheckers();
  currentHeartbeat()?.context(o.variant.ref ?? o.variant.name, o.scenario.name);
  const outcome = catchingCrash(o.variant, o.scenario.name, () => {
    const exec = new Execution(programFor(o.variant, o.scenario, checkers, o.run ?? 0), o.strategy, {
      tracing: o.tracing === true,
      ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}),
      ...(o.stopAtFirstBug !== undefined ? { stopAtFirstBug: o.stopAtFirstBug } : {}),
    });
    return exec.run();
  });
  let text: string | null = null;
  const schedule = (): string => (text ??= encodeSchedule(outcome.schedule));
  for (const c of checkers) c.endRun?.(schedule);
  return {
    outcome,
    get schedule() {
      return schedule();
    },
  };
}
