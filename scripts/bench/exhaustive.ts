import { performance } from 'node:perf_hooks';
import { verifyScenario } from '../../harness/verify.js';
import type { Variant } from '../../model/variant.js';
import type { Scenario } from '../../scenarios/scenario.js';

export interface Exhaustive {
  readonly variant: string;
  readonly scenario: string;
  readonly actors: number;
  readonly executions: number;
  readonly traces: number;
  readonly complete: boolean;
  readonly bugs: number;
  readonly seconds: number;
}

/** `cgsim verify` of one scenario, unbounded, cut at `cap` executions. */
export function exhaustive(variant: Variant, scenario: Scenario, cap: number): Exhaustive {
  const t0 = performance.now();
  const r = verifyScenario({ variant, scenario, maxExecutions: cap });
  return {
    variant: variant.name,
    scenario: scenario.name,
    actors: r.result.actors,
    executions: r.stats.executions,
    traces: r.stats.traces,
    complete: r.proven,
    bugs: r.result.summary.bugs.length,
    seconds: (performance.now() - t0) / 1000,
  };
}
