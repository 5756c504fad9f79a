import { allCheckers } from '../checkers/index.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { DporExplorer, type DporOptions, type DporStats } from '../sim/dpor/explorer.js';
import { Execution } from '../sim/execution.js';
import { BugCollector } from '../sim/explore.js';
import { ReplayStrategy } from '../sim/strategy/replay.js';
import { programFor } from './program.js';
import { runOnce, type RunResult } from './run.js';
import type { Checkpoint } from './checkpoint.js';
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
  /** Called after every execution (for progress lines), with what it found. */
  readonly onExecution?: (outcome: RunResult['outcome']) => void;
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
 * spans every execution as it spans a random exploration. One execution per `step()`, so that a caller can
 * stop between two (verifyScenarioUntil); `result()` says what the executions so far found.
 */
export class Verification {
  private readonly now: () => number;
  private readonly started: number;
  private readonly actors: number;
  private readonly explorer: DporExplorer;
  private readonly checkers = allCheckers();
  private readonly collector = new BugCollector();
  private readonly cap: number;
  private run = 0;
  private executionCap = false;

  constructor(private readonly req: VerifyRequest) {
    this.now = req.now ?? (() => 0);
    this.started = this.now();
    this.actors = actorCount(req.variant, req.scenario);
    this.explorer = new DporExplorer(this.actors, {
      ...(req.mode !== undefined ? { mode: req.mode } : {}),
      ...(req.preemptions !== undefined ? { preemptions: req.preemptions } : {}),
    });
    this.cap = req.maxExecutions ?? Number.POSITIVE_INFINITY;
  }

  /** Runs the next execution; false when there was none (every trace explored, or the cap reached). */
  step(): boolean {
    if (this.run >= this.cap) {
      this.executionCap = true;
      return false;
    }
    const strategy = this.explorer.next();
    if (strategy === null) return false;
    const req = this.req;
    const { outcome } = runOnce({ variant: req.variant, scenario: req.scenario, strategy, checkers: this.checkers, run: this.run, ...(req.maxSteps !== undefined ? { maxSteps: req.maxSteps } : {}) });
    this.explorer.finish(outcome.ending !== 'pruned');
    this.collector.add(this.run, outcome);
    req.onExecution?.(outcome);
    this.run++;
    return true;
  }

  result(): VerifyResult {
    const summary = this.collector.summary();
    const stats = this.explorer.stats;
    const stepBound = summary.endings['step-bound'];
    const name = this.req.scenario.name;
    return {
      scenario: name,
      result: { scenario: name, summary, plan: { pct: [], dfs: stats, boundedLevel: -1 }, actors: this.actors, steps: summary.runs > 0 ? Math.round(summary.steps / summary.runs) : 0 },
      stats,
      stepBound,
      executionCap: this.executionCap,
      seconds: (this.now() - this.started) / 1000,
      proven: stats.complete && stepBound === 0 && !this.executionCap,
    };
  }
}

/** Verifies one scenario to the end (Verification). */
export function verifyScenario(req: VerifyRequest): VerifyResult {
  const v = new Verification(req);
  while (v.step());
  return v.result();
}

/**
 * verifyScenario, passing the checkpoint after every execution: the same result when never stopped; when
 * stopped, the result of the executions so far (not proven, since the search is not complete), and `stopped`.
 */
export async function verifyScenarioUntil(req: VerifyRequest, checkpoint: Checkpoint): Promise<{ result: VerifyResult; stopped: boolean }> {
  const v = new Verification(req);
  while (v.step()) {
    if (checkpoint.pauseDue()) await checkpoint.pause();
    if (checkpoint.stopped()) return { result: v.result(), stopped: true };
  }
  return { result: v.result(), stopped: false };
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
