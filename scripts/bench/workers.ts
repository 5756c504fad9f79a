import { performance } from 'node:perf_hooks';
import { exploreScenario } from '../../harness/explore.js';
import { runJobs, type Job } from '../../harness/parallel.js';
import { verifyScenario } from '../../harness/verify.js';
import type { Variant } from '../../model/variant.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { median } from './stats.js';

export interface Speedup {
  readonly job: string;
  readonly oneThreadSeconds: number;
  readonly twoWorkersSeconds: number;
  readonly speedup: number;
}

/**
 * One thread against `--workers 2` on the same jobs (one per scenario), medians of `rounds`. One thread runs
 * in this process, as `cgsim` does without --workers; two workers include starting the threads.
 */
export async function speedup(label: string, variant: Variant, scenarios: readonly Scenario[], kind: 'explore' | 'verify', rounds: number, runs: number): Promise<Speedup> {
  const jobs: Job[] = scenarios.map((s) =>
    kind === 'explore'
      ? { kind, variant: variant.name, cwd: '.', scenario: s.name, explore: { runs, seed: '1' } }
      : { kind, variant: variant.name, cwd: '.', scenario: s.name, verify: { maxExecutions: 50_000 } },
  );
  const one: number[] = [];
  const two: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let t0 = performance.now();
    for (const s of scenarios) {
      if (kind === 'explore') exploreScenario({ variant, scenarios, runs, seed: '1' }, s);
      else verifyScenario({ variant, scenario: s, maxExecutions: 50_000 });
    }
    one.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    await runJobs(jobs, 2);
    two.push((performance.now() - t0) / 1000);
  }
  const a = median(one);
  const b = median(two);
  return { job: label, oneThreadSeconds: a, twoWorkersSeconds: b, speedup: a / b };
}
