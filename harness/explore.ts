import { allCheckers } from '../checkers/index.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { betterWitness, BugCollector, type ExploreSummary, type Witness } from '../sim/explore.js';
import { RunPlan, type PlanReport, type StrategyName } from './runPlan.js';
import { RandomStrategy } from '../sim/strategy/random.js';
import { replayCommand } from './replayCommand.js';
import { checkWitnesses } from './witnessCheck.js';
import { runOnce, type RunResult } from './run.js';
import type { Checkpoint } from './checkpoint.js';

export interface ExploreRequest {
  readonly variant: Variant;
  readonly scenarios: readonly Scenario[];
  /** Runs per scenario. */
  readonly runs: number;
  readonly seed: string;
  readonly maxSteps?: number;
  readonly stopAtFirstBug?: boolean;
  /** How runs are scheduled (runPlan.ts); the portfolio unless said otherwise. */
  readonly strategy?: StrategyName;
  /** PCT's depth, for strategy pct. */
  readonly depth?: number;
  /** Preemption bound, for strategies dfs and bounded. */
  readonly preemptions?: number;
  /** Called after every run (for progress lines), with what the run found. */
  readonly onRun?: (scenario: string, run: number, outcome: RunResult['outcome']) => void;
}

/** Where one distinct bug was found: a scenario, its hits there, and its best witness there. */
export interface BugSighting {
  readonly scenario: string;
  readonly hits: number;
  /** 0-based index of the first run of this scenario that found it. */
  readonly firstRun: number;
  readonly witness: Witness;
  readonly replay: string;
}

/** One distinct bug across every scenario explored. */
export interface ExploredBug {
  readonly key: string;
  readonly kind: string;
  readonly object: string;
  readonly site: string;
  readonly title: string;
  readonly hits: number;
  /** The best witness across scenarios (replays alone, then shortest). */
  readonly best: BugSighting;
  readonly sightings: readonly BugSighting[];
}

export interface ExploreResult {
  readonly variant: string;
  readonly seed: string;
  readonly runs: number;
  readonly strategy: StrategyName;
  readonly perScenario: readonly ScenarioResult[];
  readonly bugs: readonly ExploredBug[];
}

function sighting(variant: string, scenario: string, hits: number, firstRun: number, w: Witness): BugSighting {
  const prior = w.finding.priorRuns?.map((p) => p.schedule) ?? [];
  return { scenario, hits, firstRun, witness: w, replay: replayCommand(variant, scenario, [...prior, w.schedule]) };
}


/** One scenario's exploration: its summary, and what the strategy can say about the runs that found nothing. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly summary: ExploreSummary;
  readonly plan: PlanReport;
  /** The program's size, for PCT's guarantee: actors, and steps per execution (estimated). */
  readonly actors: number;
  readonly steps: number;
}

/**
 * How big an execution of the scenario is: its actors, and the steps of a pilot random run (with checkers of
 * its own, so the exploration's lockdep graph does not see it).
 */
function programSize(req: Omit<ExploreRequest, 'scenarios' | 'runs'>, scenario: Scenario): { actors: number; steps: number } {
  const { outcome } = runOnce({ variant: req.variant, scenario, strategy: new RandomStrategy(`${req.seed}/pilot`, 0), ...(req.maxSteps !== undefined ? { maxSteps: req.maxSteps } : {}) });
  return { actors: outcome.actorNames.length, steps: outcome.steps };
}

/** The run plan of one scenario's exploration, and the program size it was made for. */
export function planFor(req: Omit<ExploreRequest, 'scenarios' | 'runs'>, scenario: Scenario): { plan: RunPlan; size: { actors: number; steps: number } } {
  const size = programSize(req, scenario);
  const plan = new RunPlan({
    strategy: req.strategy ?? 'portfolio',
    seed: req.seed,
    ...size,
    ...(req.depth !== undefined ? { depth: req.depth } : {}),
    ...(req.preemptions !== undefined ? { preemptions: req.preemptions } : {}),
  });
  return { plan, size };
}

/**
 * The runs of one scenario's exploration, one at a time: `runs` executions, each scheduled by the plan's strategy
 * for that run (runPlan.ts), with one checker set for all of them, so lockdep's graph spans the scenario's runs.
 * Ends early when a systematic strategy is exhausted. The plan's report is complete once `outcomes` is.
 */
export function plannedRuns(
  req: Omit<ExploreRequest, 'scenarios'>,
  scenario: Scenario,
): { readonly plan: RunPlan; readonly size: { actors: number; steps: number }; readonly outcomes: Iterable<{ run: number; outcome: RunResult['outcome'] }> } {
  const { plan, size } = planFor(req, scenario);
  const checkers = allCheckers();
  function* outcomes(): Generator<{ run: number; outcome: RunResult['outcome'] }> {
    for (let run = 0; run < req.runs; run++) {
      const strategy = plan.next(run);
      if (strategy === null) return;
      const { outcome } = runOnce({
        variant: req.variant,
        scenario,
        strategy,
        checkers,
        run,
        ...(req.maxSteps !== undefined ? { maxSteps: req.maxSteps } : {}),
        ...(req.stopAtFirstBug !== undefined ? { stopAtFirstBug: req.stopAtFirstBug } : {}),
      });
      plan.done(outcome.ending);
      yield { run, outcome };
    }
  }
  return { plan, size, outcomes: outcomes() };
}

/** One scenario's exploration (plannedRuns), a run at a time, as Verification is for verify. */
class Exploration {
  private readonly planned: ReturnType<typeof plannedRuns>;
  private readonly runs: Iterator<{ run: number; outcome: RunResult['outcome'] }>;
  private readonly collector = new BugCollector();

  constructor(
    private readonly req: ExploreRequest,
    private readonly scenario: Scenario,
  ) {
    this.planned = plannedRuns(req, scenario);
    this.runs = this.planned.outcomes[Symbol.iterator]();
  }

  /** Runs the next execution of the plan; false when the plan has no more. */
  step(): boolean {
    const next = this.runs.next();
    if (next.done === true) return false;
    const { run, outcome } = next.value;
    this.collector.add(run, outcome);
    this.req.onRun?.(this.scenario.name, run, outcome);
    return true;
  }

  /** What the runs so far found, each witness replayed once to be sure its printed command finds it again. */
  result(): ScenarioResult {
    const summary = this.collector.summary();
    checkWitnesses(this.req.variant, this.scenario, summary, this.req.maxSteps);
    return { scenario: this.scenario.name, summary, plan: this.planned.plan.report(), ...this.planned.size };
  }
}

/** Explores one scenario to the end of its plan and sums up what its runs found. */
export function exploreScenario(req: ExploreRequest, scenario: Scenario): ScenarioResult {
  const e = new Exploration(req, scenario);
  while (e.step());
  return e.result();
}

/**
 * exploreScenario, passing the checkpoint after every run: the same result when never stopped; when stopped,
 * the result of the runs completed so far (the rest of the plan is not run), and `stopped`.
 */
export async function exploreScenarioUntil(req: ExploreRequest, scenario: Scenario, checkpoint: Checkpoint): Promise<{ result: ScenarioResult; stopped: boolean }> {
  const e = new Exploration(req, scenario);
  while (e.step()) {
    if (checkpoint.pauseDue()) await checkpoint.pause();
    if (checkpoint.stopped()) return { result: e.result(), stopped: true };
  }
  return { result: e.result(), stopped: false };
}

/** Who explored what: enough to merge results that were computed apart (workers, shards). */
export interface ExploreMeta {
  readonly variant: string;
  /** How the variant is named on the command line (its path, for a user-written one). */
  readonly variantRef: string;
  readonly seed: string;
  readonly runs: number;
  readonly strategy: StrategyName;
}

export function metaOf(req: Pick<ExploreRequest, 'variant' | 'seed' | 'runs' | 'strategy'>): ExploreMeta {
  return { variant: req.variant.name, variantRef: req.variant.ref ?? req.variant.name, seed: req.seed, runs: req.runs, strategy: req.strategy ?? 'portfolio' };
}

/** Lines the scenarios' results up into one result: each distinct bug once, its best witness across scenarios. */
export function mergeScenarios(meta: ExploreMeta, results: readonly ScenarioResult[]): ExploreResult {
  const merged = new Map<string, { first: ExploredBug; sightings: BugSighting[] }>();
  for (const r of results) {
    for (const b of r.summary.bugs) {
      const s = sighting(meta.variantRef, r.scenario, b.hits, b.firstRun, b.witness);
      const m = merged.get(b.key);
      const f = b.witness.finding;
      if (m === undefined) merged.set(b.key, { first: { key: b.key, kind: f.kind, object: f.object, site: f.site, title: f.title, hits: 0, best: s, sightings: [] }, sightings: [s] });
      else m.sightings.push(s);
    }
  }
  const bugs: ExploredBug[] = [...merged.values()].map(({ first, sightings }) => {
    let best = sightings[0]!;
    for (const s of sightings) if (betterWitness(s.witness, best.witness)) best = s;
    return { ...first, hits: sightings.reduce((n, s) => n + s.hits, 0), best, sightings };
  });
  return { variant: meta.variant, seed: meta.seed, runs: meta.runs, strategy: meta.strategy, perScenario: results, bugs };
}

/** Explores every scenario (exploreScenario) and merges the results (mergeScenarios). */
export function exploreVariant(req: ExploreRequest): ExploreResult {
  return mergeScenarios(metaOf(req), req.scenarios.map((s) => exploreScenario(req, s)));
}

/**
 * The scenarios of which nothing was explored: every run was cut by the step bound before it ended, and none
 * found a bug. A clean result there says nothing (the runs never got to where the scenario's race is).
 */
export function unexploredScenarios(results: readonly ScenarioResult[]): string[] {
  return results.filter((r) => r.summary.runs > 0 && r.summary.endings['step-bound'] === r.summary.runs && r.summary.bugs.length === 0).map((r) => r.scenario);
}
