import { allCheckers } from '../checkers/index.js';
import { planFor } from '../harness/explore.js';
import { runOnce } from '../harness/run.js';
import type { Variant } from '../model/variant.js';
import { workloadScenario } from '../scenarios/workload/scenario.js';
import type { Workload } from '../scenarios/workload/workload.js';
import { CASE_MAX_STEPS, caseRunOf, showing, type BugFilter, type CaseRun } from './runCase.js';

/**
 * The schedule of `workload` with the fewest context switches that shows bug `key`, by iterative context
 * bounding (every interleaving with no preemption, then one, then two): the search stops at the end of the
 * first level where the bug shows, having kept, of all its runs that show it, the one with the fewest context
 * switches, then the fewest steps. Null if no run within `cap` executions shows it. Each run has fresh
 * checkers, so the witness replays alone.
 */
export function fewestSwitches(variant: Variant, workload: Workload, key: string, accept: BugFilter, cap: number, preemptions = 2): CaseRun | null {
  const scenario = workloadScenario(workload);
  const { plan } = planFor({ variant, seed: 'fewest-switches', strategy: 'bounded', preemptions, maxSteps: CASE_MAX_STEPS }, scenario);
  const shows = showing(key);
  let best: CaseRun | null = null;
  let foundAtLevel = Infinity;
  for (let run = 0; run < cap; run++) {
    if (plan.report().boundedLevel >= foundAtLevel) break;
    const strategy = plan.next(run);
    if (strategy === null) break;
    const { outcome } = runOnce({ variant, scenario, strategy, checkers: allCheckers(), maxSteps: CASE_MAX_STEPS });
    plan.done(outcome.ending);
    const r = caseRunOf(outcome, accept);
    if (!shows(r)) continue;
    if (best === null || r.switches < best.switches || (r.switches === best.switches && r.bug!.step < best.bug!.step)) best = r;
    foundAtLevel = Math.min(foundAtLevel, plan.report().boundedLevel + 1);
  }
  return best;
}
