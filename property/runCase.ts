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

/** What an execution shows: its bug under `accept`, and its schedule cut right after that bug's step. */
export function caseRunOf(outcome: Outcome, accept: BugFilter): CaseRun {
  const bug = bugOf(outcome.findings, accept);
  const cut = bug === null ? outcome.schedule.length : Math.min(bug.step + 1, outcome.schedule.length);
  return { outcome, bug, schedule: encodeSchedule(outcome.schedule, cut), switches: contextSwitches(outcome.schedule, cut) };
}

/** Whether a run shows bug `key` (kind and site). */
export function showing(key: string): (r: CaseRun | null) => r is CaseRun {
  return (r): r is CaseRun => r !== null && r.bug !== null && findingKey(r.bug) === key;
}

/** Runs `workload` on `variant` under `strategy`, with a fresh set of checkers: each case stands alone. */
export function runWorkload(variant: Variant, workload: Workload, strategy: Strategy, accept: BugFilter = () => true): CaseRun {
  const { outcome } = runOnce({ variant, scenario: workloadScenario(workload), strategy, checkers: allCheckers(), maxSteps: CASE_MAX_STEPS });
  return caseRunOf(outcome, accept);
}

/**
 * A generated schedule as the strategy's actor ids: a switch names a task (0..n-1) or the kworker (n); in the
 * program, setup is actor 0, so each moves up one.
 */
export function switchStrategy(schedule: readonly Switch[]): SwitchStrategy {
  return new SwitchStrategy(schedule.map((s) => ({ after: s.after, to: s.to + 1 })));
}
