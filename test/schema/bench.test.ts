import test from 'ava';
import { v4 } from '../../model/variants/v4/index.js';
import { variants } from '../../model/variants/index.js';
import { resolveScenarios } from '../../scenarios/index.js';
import { benchDoc } from '../../scripts/bench/doc.js';
import { exhaustive } from '../../scripts/bench/exhaustive.js';
import { firstBug } from '../../scripts/bench/firstBug.js';
import { throughput } from '../../scripts/bench/throughput.js';
import { speedup } from '../../scripts/bench/workers.js';
import { interpretedSpeed } from '../../scripts/bench/interpreted.js';
import { copy, errorsOf, validator } from '../helpers/schema.js';

const validate = validator('cgsim-bench-1');

/**
 * The benchmark itself takes seconds even with --quick, so its document is built here as scripts/bench.ts builds
 * it (benchDoc), from each section's own measurement on tiny inputs.
 */
async function tinyBench(): Promise<Record<string, unknown>> {
  const scenario = resolveScenarios('register-vs-close')[0]!;
  const cleanest = variants[variants.length - 1]!;
  const sections = {
    throughput: [throughput(v4, scenario, 'random', 1, 3), throughput(v4, scenario, 'dfs', 1, 3)],
    firstBugs: [
      firstBug(v4, scenario, 'random', 'null-deref | cgroup_write_event_control dereferences NULL [cgroup_write_event_control (kernel/cgroup.c:2980)]', 2, 20),
      // Never found: its medians are of no sample (NaN), written as null.
      firstBug(v4, scenario, 'pct', 'leak | nowhere', 1, 2),
    ],
    exhaustive: [exhaustive(cleanest, scenario, 5)],
    workers: [await speedup('explore v4, one scenario, 2 runs', v4, [scenario], 'explore', 1, 2)],
    // The shape only: the hand model against itself (the seed patch is not the test's to need).
    interpreted: [interpretedSpeed(v4, v4, scenario, 'portfolio', 2, 3)],
  };
  return JSON.parse(JSON.stringify(benchDoc({ quick: true, rounds: 1, runs: 3, seeds: 2, cap: 20, verifyCap: 5, olderCap: 5 }, sections))) as Record<string, unknown>;
}

test('the benchmark document (npm run bench -- --json FILE) validates against schema/cgsim-bench-1.schema.json', async (t) => {
  const doc = await tinyBench();
  t.is(doc['format'], 'cgsim-bench/1');
  t.is((doc['firstBugs'] as { medianRuns: unknown }[])[1]!.medianRuns, null);
  t.true(validate(doc), errorsOf(validate));
});

test('the bench schema refuses a broken document', async (t) => {
  const doc = (await tinyBench()) as Record<string, unknown> & { throughput: { strategy: string; execsPerSec: unknown }[] };
  const { workers: _dropped, ...missing } = copy(doc);
  t.false(validate(missing), 'a missing section');
  const wrongStrategy = copy(doc);
  wrongStrategy.throughput[0]!.strategy = 'oops';
  t.false(validate(wrongStrategy), 'an unknown strategy');
  const wrongType = copy(doc);
  wrongType.throughput[0]!.execsPerSec = '12/s';
  t.false(validate(wrongType), 'a rate that is not a number');
});
