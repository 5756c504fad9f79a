import { allCheckers } from '../checkers/index.js';
import type { Variant } from '../model/variant.js';
import type { Scenario } from '../scenarios/scenario.js';
import { betterWitness, BugCollector, type ExploreSummary, type Witness } from '../sim/explore.js';
import { RandomStrategy } from '../sim/strategy/random.js';
import { replayCommand } from './resolve.js';
import { runOnce } from './run.js';

export interface ExploreRequest {
  readonly variant: Variant;
  readonly scenarios: readonly Scenario[];
  /** Runs per scenario. */
  readonly runs: number;
  readonly seed: string;
  readonly maxSteps?: number;
  readonly stopAtFirstBug?: boolean;
  /** Called after every run (for progress lines). */
  readonly onRun?: (scenario: string, run: number) => void;
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
  readonly perScenario: readonly { scenario: string; summary: ExploreSummary }[];
  readonly bugs: readonly ExploredBug[];
}

function sighting(variant: string, scenario: string, hits: number, firstRun: number, w: Witness): BugSighting {
  const prior = w.finding.priorRuns?.map((p) => p.schedule) ?? [];
  return { scenario, hits, firstRun, witness: w, replay: replayCommand(variant, scenario, [...prior, w.schedule]) };
}


/**
 * Seeded random exploration of each scenario: `runs` executions each, run i using the strategy seeded by
 * `<seed>/<i>`. One checker set per scenario, so lockdep's graph spans that scenario's runs. Bugs are merged
 * across scenarios by kind and site.
 */
export function exploreVariant(req: ExploreRequest): ExploreResult {
  const perScenario: { scenario: string; summary: ExploreSummary }[] = [];
  const merged = new Map<string, { first: ExploredBug; sightings: BugSighting[] }>();
  for (const scenario of req.scenarios) {
    const checkers = allCheckers();
    const collector = new BugCollector();
    for (let run = 0; run < req.runs; run++) {
      const { outcome } = runOnce({
        variant: req.variant,
        scenario,
        strategy: new RandomStrategy(req.seed, run),
        checkers,
        run,
        ...(req.maxSteps !== undefined ? { maxSteps: req.maxSteps } : {}),
        ...(req.stopAtFirstBug !== undefined ? { stopAtFirstBug: req.stopAtFirstBug } : {}),
      });
      collector.add(run, outcome);
      req.onRun?.(scenario.name, run);
    }
    const summary = collector.summary();
    perScenario.push({ scenario: scenario.name, summary });
    for (const b of summary.bugs) {
      const s = sighting(req.variant.ref ?? req.variant.name, scenario.name, b.hits, b.firstRun, b.witness);
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
  return { variant: req.variant.name, seed: req.seed, runs: req.runs, perScenario, bugs };
}
