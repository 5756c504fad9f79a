import type { Exhaustive } from './exhaustive.js';
import type { FirstBug } from './firstBug.js';
import type { Interpreted } from './interpreted.js';
import type { Throughput } from './throughput.js';
import type { Speedup } from './workers.js';

/** The benchmark's parameters, as it ran (after --quick and the options). */
export interface BenchParams {
  readonly quick: boolean;
  readonly rounds: number;
  readonly runs: number;
  readonly seeds: number;
  readonly cap: number;
  readonly verifyCap: number;
  readonly olderCap: number;
}

/** What `npm run bench -- --json FILE` writes: schema/cgsim-bench-1.schema.json. A median of no sample (NaN) is written as null. */
export interface BenchDoc extends BenchParams {
  readonly format: 'cgsim-bench/1';
  readonly node: string;
  readonly throughput: readonly Throughput[];
  readonly firstBugs: readonly FirstBug[];
  readonly exhaustive: readonly Exhaustive[];
  readonly workers: readonly Speedup[];
  readonly interpreted: readonly Interpreted[];
}

/** The --json document of the benchmark's five sections. */
export function benchDoc(
  p: BenchParams,
  sections: { readonly throughput: readonly Throughput[]; readonly firstBugs: readonly FirstBug[]; readonly exhaustive: readonly Exhaustive[]; readonly workers: readonly Speedup[]; readonly interpreted: readonly Interpreted[] },
  node: string = process.version,
): BenchDoc {
  const { quick, rounds, runs, seeds, cap, verifyCap, olderCap } = p;
  return { format: 'cgsim-bench/1', node, quick, rounds, runs, seeds, cap, verifyCap, olderCap, ...sections };
}
