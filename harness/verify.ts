import { allCheckers } from '../checkers/index.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { DporExplorer, type DporOptions, type DporStats } from '../sim/dpor/explorer.js';
import { Execution } from '../sim/execution.js';
import { BugCollector } from '../sim/explore.js';
import { ReplayStrategy } from '../sim/strategy/replay.js';
import { programFor } from './program.js';
import { runOnce } from './run.js';
import { mergeScenarios, type ExploreResult, type ScenarioResult } from './explore.js';

export interface VerifyRequest {
  readonly variant: Variant;
  readonly scenario: Scenario;
  /** At most this many preemptions per execution; unbounded when absent. */
  readonly preemptions?: number;
  /** Steps per execution before it is cut (the search is then incomplete). */
  readonly maxSteps?: number;
  /** Executions before the search gives up (then incomplete). */
  readonly maxExecutions?: number;
  /** 'naive' explores every interleaving: the reference for testing the reduction. */
  readonly mode?: DporOptions['mode'];
  readonly now?: () => number;
}

export interface VerifyResult {
  readonly scenario: string;
  /** As an exploration's result, so bugs merge the same way (explore.ts, mergeScenarios). */
  readonly result: ScenarioResult;
  readonly stats: DporStats;
  /** Executions cut by the step bound: the interleavings beyond it were not explored. */
  readonly stepBound: number;
  /** The search ran out of executions before it was done. */
  readonly executionCap: boolean;
  readonly seconds: number;
  /** Exhaustive within the bounds: every trace explored, no execution cut by the step bound, no cap hit. */
  readonly proven: boolean;
}

/** How many actors a scenario's program has (setup, its actors, the kworkers, the teardown). */
function actorCount(variant: Variant, scenario: Scenario): number {
  return new Execution(programFor(variant, scenario, allCheckers(), 0), new ReplayStrategy([])).actors.length;
}

/**
 * Explores every Mazurkiewicz trace of one scenario on one variant (within the preemption bound, if given),
 * with DPOR, one fresh kernel per execution and one set of checkers for the whole search, so lockdep's graph
 * spans every execution as it spans a random exploration.
 */
export function verifyScenario(req: VerifyRequest): VerifyResult {
  const now = req.now ?? (() => 0);
  const started = now();
  const actors = actorCount(req.variant, req.scenario);
  const explorer = new DporExplorer(actors, {
    ...(req.mode !== undefined ? { mode: req.mode } : {}),
    ...(req.preemptions !== undefined ? { preemptions: req.preemptions } : {}),
  });
  const checkers = allCheckers();
  const collector = new BugCollector();
  const cap = req.maxExecutions ?? Number.POSITIVE_INFINITY;
  let run = 0;
  let executionCap = false;
  for (;;) {
    if (run >= cap) {
      executionCap = true;
      break;
    }
    const strategy = explorer.next();
    if (strategy === null) break;
    const { outcome } = runOnce({ variant: req.variant, scenario: req.scenario, strategy, checkers, run, ...(req.maxSteps !== undefined ? { maxSteps: req.maxSteps } : {}) });
    explorer.finish(outcome.ending !== 'pruned');
    collector.add(run, outcome);
    run++;
  }
  const summary = collector.summary();
  const stats = explorer.stats;
  const stepBound = summary.endings['step-bound'];
  return {
    scenario: req.scenario.name,
    result: { scenario: req.scenario.name, summary, plan: { pct: [], dfs: stats, boundedLevel: -1 }, actors, steps: summary.runs > 0 ? Math.round(summary.steps / summary.runs) : 0 },
    stats,
    stepBound,
    executionCap,
    seconds: (now() - started) / 1000,
    proven: stats.complete && stepBound === 0 && !executionCap,
  };
}

export interface VerifyAllResult {
  readonly perScenario: readonly VerifyResult[];
  /** The bugs, merged across scenarios as an exploration's are. */
  readonly merged: ExploreResult;
}

/** Verifies each scenario in turn and merges what they found. */
export function verifyScenarios(req: Omit<VerifyRequest, 'scenario'> & { readonly scenarios: readonly Scenario[] }): VerifyAllResult {
  const perScenario = req.scenarios.map((scenario) => verifyScenario({ ...req, scenario }));
  return { perScenario, merged: mergeVerified(req.variant, perScenario) };
}

/** The merged bugs of several scenarios' verifications. */
export function mergeVerified(variant: Pick<Variant, 'name' | 'ref'>, perScenario: readonly VerifyResult[]): ExploreResult {
  return mergeScenarios({ variant: variant.name, variantRef: variant.ref ?? variant.name, seed: '', runs: 0, strategy: 'dfs' }, perScenario.map((v) => v.result));
}
