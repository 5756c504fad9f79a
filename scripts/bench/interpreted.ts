import { performance } from 'node:perf_hooks';
import { plannedRuns } from '../../harness/explore.js';
import type { StrategyName } from '../../harness/runPlan.js';
import type { Variant } from '../../model/variant.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { median } from './stats.js';

/** The hand-written model against the patch's C interpreted (cfront), on one scenario and strategy. */
export interface Interpreted {
  readonly hand: string;
  readonly patch: string;
  readonly scenario: string;
  readonly strategy: StrategyName;
  readonly runs: number;
  readonly repetitions: number;
  readonly handExecsPerSec: number;
  readonly patchExecsPerSec: number;
  /** patchExecsPerSec / handExecsPerSec: the interpreter's cost, as a share of the hand model's speed. */
  readonly ratio: number;
}

function execsPerSec(variant: Variant, scenario: Scenario, strategy: StrategyName, runs: number, seed: string): number {
  let executions = 0;
  const t0 = performance.now();
  for (const _ of plannedRuns({ variant, seed, strategy, runs }, scenario).outcomes) executions++;
  return executions / ((performance.now() - t0) / 1000);
}

/**
 * Executions/s of both, medians of `repetitions` rounds of `runs` executions, the two taken in turn within each
 * repetition (hand, then C, with the same seed), so a machine that slows down mid-run slows both alike.
 */
export function interpretedSpeed(hand: Variant, patch: Variant, scenario: Scenario, strategy: StrategyName, repetitions: number, runs: number): Interpreted {
  const h: number[] = [];
  const c: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    h.push(execsPerSec(hand, scenario, strategy, runs, `bench${r}`));
    c.push(execsPerSec(patch, scenario, strategy, runs, `bench${r}`));
  }
  const handExecsPerSec = median(h);
  const patchExecsPerSec = median(c);
  return { hand: hand.name, patch: patch.name, scenario: scenario.name, strategy, runs, repetitions, handExecsPerSec, patchExecsPerSec, ratio: patchExecsPerSec / handExecsPerSec };
}
