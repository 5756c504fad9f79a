import { performance } from 'node:perf_hooks';
import { plannedRuns } from '../../harness/explore.js';
import type { StrategyName } from '../../harness/runPlan.js';
import type { Variant } from '../../model/variant.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { findingKey } from '../../sim/finding.js';
import { median } from './stats.js';

/** The strategies raced to each bug; dfs does not depend on the seed, so it is measured once. */
export const RACED: readonly StrategyName[] = ['random', 'pct', 'portfolio', 'dfs'];

export interface FirstBug {
  readonly key: string;
  readonly scenario: string;
  readonly strategy: StrategyName;
  /** Medians over the seeds that found it. */
  readonly medianRuns: number;
  readonly medianMs: number;
  readonly foundIn: number;
  readonly seeds: number;
}

/** Runs and milliseconds until `key` first shows up when `strategy` explores `scenario` from `seed`, or null. */
function until(variant: Variant, scenario: Scenario, strategy: StrategyName, key: string, seed: string, cap: number): { runs: number; ms: number } | null {
  const t0 = performance.now();
  for (const { run, outcome } of plannedRuns({ variant, seed, strategy, runs: cap }, scenario).outcomes) {
    if (outcome.findings.some((f) => findingKey(f) === key)) return { runs: run + 1, ms: performance.now() - t0 };
  }
  return null;
}

export function firstBug(variant: Variant, scenario: Scenario, strategy: StrategyName, key: string, seeds: number, cap: number): FirstBug {
  const n = strategy === 'dfs' ? 1 : seeds;
  const samples: { runs: number; ms: number }[] = [];
  for (let i = 0; i < n; i++) {
    const r = until(variant, scenario, strategy, key, `ttb${i}`, cap);
    if (r !== null) samples.push(r);
  }
  return {
    key,
    scenario: scenario.name,
    strategy,
    medianRuns: median(samples.map((s) => s.runs)),
    medianMs: median(samples.map((s) => s.ms)),
    foundIn: samples.length,
    seeds: n,
  };
}
