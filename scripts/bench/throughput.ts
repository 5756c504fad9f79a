import { performance } from 'node:perf_hooks';
import { plannedRuns } from '../../harness/explore.js';
import type { StrategyName } from '../../harness/runPlan.js';
import type { Variant } from '../../model/variant.js';
import type { Scenario } from '../../scenarios/scenario.js';
import type { ActorSpec } from '../../sim/actor.js';
import { Execution } from '../../sim/execution.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import { median } from './stats.js';

/** The strategies measured for speed: each as `cgsim explore --strategy` runs it. */
export const MEASURED: readonly StrategyName[] = ['random', 'pct', 'dfs', 'bounded'];

export interface Throughput {
  readonly variant: string;
  readonly scenario: string;
  readonly strategy: StrategyName;
  /** Executions per round (fewer than asked when a systematic strategy is exhausted first). */
  readonly executions: number;
  readonly execsPerSec: number;
  readonly stepsPerSec: number;
  readonly floorStepsPerSec: number;
  /** stepsPerSec / floorStepsPerSec: holds across machines better than either. */
  readonly ofFloor: number;
  readonly stepsPerExec: number;
}

/** One round: up to `runs` executions of the strategy's plan, with one checker set, as explore runs them. */
function round(variant: Variant, scenario: Scenario, strategy: StrategyName, runs: number, seed: string): { seconds: number; executions: number; steps: number; perActor: number[] } {
  const perActor: number[] = [];
  let steps = 0;
  let executions = 0;
  const t0 = performance.now();
  for (const { outcome } of plannedRuns({ variant, seed, strategy, runs }, scenario).outcomes) {
    steps += outcome.steps;
    executions++;
    for (const id of outcome.schedule) perActor[id] = (perActor[id] ?? 0) + 1;
  }
  return { seconds: (performance.now() - t0) / 1000, executions, steps, perActor };
}

/**
 * The floor: bare generators, one per actor, each yielding as many steps as that actor took on average, on the
 * same engine and a random strategy, with no model and no checks: what scheduling alone costs.
 */
export function floorStepsPerSec(stepsPerActor: readonly number[], runs: number, seed: string): number {
  const bodies: ActorSpec[] = stepsPerActor.map((n, i) => ({
    name: `a${i}`,
    body: function* () {
      for (let s = 1; s < n; s++) yield;
    },
  }));
  let steps = 0;
  const t0 = performance.now();
  for (let run = 0; run < runs; run++) steps += new Execution(() => ({ actors: bodies }), new RandomStrategy(seed, run)).run().steps;
  return steps / ((performance.now() - t0) / 1000);
}

export function throughput(variant: Variant, scenario: Scenario, strategy: StrategyName, rounds: number, runs: number): Throughput {
  const execs: number[] = [];
  const rates: number[] = [];
  const floors: number[] = [];
  let executions = 0;
  let stepsPerExec = 0;
  for (let r = 0; r < rounds; r++) {
    const x = round(variant, scenario, strategy, runs, `bench${r}`);
    executions = x.executions;
    execs.push(x.executions / x.seconds);
    rates.push(x.steps / x.seconds);
    stepsPerExec = x.steps / x.executions;
    floors.push(floorStepsPerSec(x.perActor.map((n) => Math.max(1, Math.round((n ?? 0) / x.executions))), Math.min(runs, 500), `bench${r}`));
  }
  const stepsPerSec = median(rates);
  const floor = median(floors);
  return { variant: variant.name, scenario: scenario.name, strategy, executions, execsPerSec: median(execs), stepsPerSec, floorStepsPerSec: floor, ofFloor: stepsPerSec / floor, stepsPerExec };
}
