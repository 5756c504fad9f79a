import { allCheckers } from '../checkers/index.js';
import { runOnce } from '../harness/run.js';
import type { Variant } from '../model/variant.js';
import { workloadScenario } from '../scenarios/workload/scenario.js';
import type { Workload } from '../scenarios/workload/workload.js';
import type { Outcome } from '../sim/execution.js';
import { findingKey, type Finding } from '../sim/finding.js';
import { contextSwitches, encodeSchedule } from '../sim/schedule.js';
import { SwitchStrategy, type Switch } from '../sim/strategy/switches.js';
import type { Strategy } from '../sim/strategy/strategy.js';

/** Which findings count as a failure (all of them unless said otherwise). */
export type BugFilter = (f: Finding) => boolean;

/** One execution of a workload, and the bug it shows, if any. */
export interface CaseRun {
  readonly outcome: Outcome;
  /** The first finding the filter accepts that is not the possible consequence of an earlier corruption. */
  readonly bug: Finding | null;
  /** The schedule up to and including the bug's step (the whole run when there is none), as `cgsim replay` reads it. */
  readonly schedule: string;
  /** Context switches in that schedule. */
  readonly switches: number;
}

/** Steps an execution of a generated workload may take; far above what its calls need. */
export const CASE_MAX_STEPS = 4_000;

/**
 * The bug a run shows: the first accepted finding made before any state-corrupting finding other than itself
 * (later ones may be that corruption's consequences, which a reviewer would not file as bugs of their own).
 */
export function bugOf(findings: readonly Finding[], accept: BugFilter): Finding | null {
  for (const f of findings) {
    if (accept(f)) return f;
    if (f.corrupts) return null;
  }
  return null;
}

/** Runs `workload` on `variant` under `strategy`, with a fresh set of checkers: each case stands alone. */
export function runWorkload(variant: Variant, workload: Workload, strategy: Strategy, accept: BugFilter = () => true): CaseRun {
  const { outcome } = runOnce({ variant, scenario: workloadScenario(workload), strategy, checkers: allCheckers(), maxSteps: CASE_MAX_STEPS });
  const bug = bugOf(outcome.findings, accept);
  const cut = bug === null ? outcome.schedule.length : Math.min(bug.step + 1, outcome.schedule.length);
  return { outcome, bug, schedule: encodeSchedule(outcome.schedule, cut), switches: contextSwitches(outcome.schedule, cut) };
}

/**
 * The program's actor ids of a workload's tasks and kworker: setup is 0, the tasks 1..n, the kworker n+1 (and the
 * teardown n+2, which no schedule needs to name).
 */
export function switchTargets(workload: Workload): number {
  return workload.tasks.length + 1;
}

/** A generated schedule (switches to task or kworker indexes) as the strategy's actor ids. */
export function switchStrategy(schedule: readonly Switch[]): SwitchStrategy {
  return new SwitchStrategy(schedule.map((s) => ({ after: s.after, to: s.to + 1 })));
}

/** A recorded schedule's steps, then another strategy once they are used up (to run a cut witness to its end). */
export class PrefixStrategy implements Strategy {
  readonly name = 'prefix';
  constructor(
    private readonly steps: readonly number[],
    private readonly then: Strategy,
  ) {}

  pick(runnable: ArrayLike<number>, count: number, step: number): number {
    if (step < this.steps.length) {
      const want = this.steps[step]!;
      for (let i = 0; i < count; i++) if (runnable[i] === want) return want;
    }
    return this.then.pick(runnable, count, step);
  }
}

export { findingKey };
