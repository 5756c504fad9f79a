/**
 * `npm run bench`: how fast cgsim explores, against a floor measured in the same run, written as text and (with
 * --json FILE) as JSON. Sections:
 *
 * 1. Throughput per strategy (random, PCT, DPOR, preemption-bounded) on each concurrent scenario, for the seed and
 *    for the cleanest shipped version: executions/s and steps/s, medians of --rounds rounds of up to --runs
 *    executions, and the floor (bare generators taking the same steps per actor on the same engine, no model,
 *    no checks).
 * 2. Time to first bug: each distinct bug of the default exploration of the seed, each strategy, median over --seeds
 *    seeds (DPOR once: it does not depend on the seed), at most --cap runs each.
 * 3. Exhaustive verification (`cgsim verify`, unbounded) of every shipped version on each concurrent scenario:
 *    executions, distinct traces, time; the cleanest version up to --verify-cap executions, the others up to
 *    --older-cap (they have bugs, and their searches only show the cost).
 * 4. --workers 2 against one thread on the default exploration (and five times as many runs) and on the cleanest
 *    version's verification.
 * 5. The seed's hand-written variant against the seed patch's own C interpreted (`--patch`, read from --patch FILE,
 *    by default where the project's machines keep it): executions/s of close-vs-rmdir for each strategy, both in
 *    the same run, medians of --reps repetitions, and their ratio. Skipped, said so, when the file is not there;
 *    --interpreted-only runs this section alone.
 *
 * --quick shrinks every section to a smoke run. The JSON file (schema/cgsim-bench-1.schema.json) is written whole
 * or not at all.
 */
import { assertWritable, writeFileAtomic } from '../harness/atomicWrite.js';
import { exploreVariant } from '../harness/explore.js';
import { findVariant, SEED_VARIANT, variants } from '../model/variants/index.js';
import { resolveScenarios, scenarios } from '../scenarios/index.js';
import { benchDoc } from './bench/doc.js';
import { exhaustive, type Exhaustive } from './bench/exhaustive.js';
import { firstBug, RACED, type FirstBug } from './bench/firstBug.js';
import { intArg, median, pad, stringArg } from './bench/stats.js';
import { MEASURED, throughput, type Throughput } from './bench/throughput.js';
import { speedup, type Speedup } from './bench/workers.js';
import { existsSync } from 'node:fs';
import { patchSpec } from '../harness/patchSpec.js';
import { resolveVariant } from '../harness/resolve.js';
import { STRATEGIES } from '../harness/runPlan.js';
import { interpretedSpeed, type Interpreted } from './bench/interpreted.js';

/** The seed patch's variant. */
const seedVariant = findVariant(SEED_VARIANT)!;

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const rounds = intArg(argv, 'rounds', quick ? 1 : 3);
const runs = intArg(argv, 'runs', quick ? 40 : 400);
const seeds = intArg(argv, 'seeds', quick ? 2 : 10);
const cap = intArg(argv, 'cap', quick ? 200 : 2000);
const verifyCap = intArg(argv, 'verify-cap', quick ? 300 : 50_000);
const olderCap = intArg(argv, 'older-cap', quick ? 50 : 1000);
const reps = intArg(argv, 'reps', quick ? 1 : 5);
const patchPath = stringArg(argv, 'patch') ?? '../shared/seed/000_14102c98a5940216.txt';
const jsonPath = stringArg(argv, 'json');
const out = (l: string): void => void process.stdout.write(`${l}\n`);

const cleanest = variants[variants.length - 1]!;
const concurrent = scenarios.filter((s) => !s.name.startsWith('bad-write:'));

/** Refuses an unwritable --json path before minutes of measuring, not after. */
function checkWritable(path: string): void {
  try {
    assertWritable(path);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    process.exit(2);
  }
}

/** Section 5: the hand-written variant and the patch's C, side by side. */
async function interpretedSection(): Promise<Interpreted[]> {
  out('');
  const interpreted: Interpreted[] = [];
  if (!existsSync(patchPath)) out(`5. the patch's C against ${seedVariant.name}: skipped, no patch at ${patchPath} (--patch FILE)`);
  else {
    const c = await resolveVariant(patchSpec([patchPath]), '.');
    const scenario = resolveScenarios('close-vs-rmdir')[0]!;
    out(`5. ${scenario.name}: ${seedVariant.name} (hand-written) against --patch ${patchPath} (interpreted), in turn, medians of ${reps} repetition(s) of ${runs} executions`);
    // Warm the JIT on both first, so neither is measured cold.
    for (const strategy of STRATEGIES) interpretedSpeed(seedVariant, c, scenario, strategy, 1, Math.min(runs, 100));
    out(`   ${'strategy'.padEnd(9)} ${pad('hand exec/s', 12)} ${pad('C exec/s', 10)} ${pad('C/hand', 7)}`);
    for (const strategy of STRATEGIES) {
      const r = interpretedSpeed(seedVariant, c, scenario, strategy, reps, runs);
      interpreted.push(r);
      out(`   ${strategy.padEnd(9)} ${pad(r.handExecsPerSec.toFixed(0), 12)} ${pad(r.patchExecsPerSec.toFixed(0), 10)} ${pad(`${(r.ratio * 100).toFixed(0)}%`, 7)}`);
    }
  }
  return interpreted;
}

async function main(): Promise<void> {
  if (jsonPath !== undefined) checkWritable(jsonPath);
  out(`cgsim bench (node ${process.version}${quick ? ', --quick' : ''}): medians; floor = bare generators on the same engine`);
  if (argv.includes('--interpreted-only')) {
    // Section 5 alone, for a quick look at the interpreter's cost; no --json (the document has every section).
    await interpretedSection();
    return;
  }

  out('');
  out(`1. throughput: ${rounds} round(s) of up to ${runs} executions per strategy and scenario`);
  out(`${'variant'.padEnd(7)} ${'scenario'.padEnd(22)} ${'strategy'.padEnd(8)} ${pad('exec/s', 8)} ${pad('steps/s', 9)} ${pad('floor/s', 10)} ${pad('of floor', 8)} ${pad('steps/exec', 10)}`);
  // Warm the JIT first, so the first scenario measured is not the slowest for that reason alone.
  for (const strategy of MEASURED) throughput(seedVariant, concurrent[0]!, strategy, 1, Math.min(runs, 200));
  const speeds: Throughput[] = [];
  for (const variant of [seedVariant, cleanest]) {
    for (const s of concurrent) {
      for (const strategy of MEASURED) {
        const b = throughput(variant, s, strategy, rounds, runs);
        speeds.push(b);
        out(`${b.variant.padEnd(7)} ${b.scenario.padEnd(22)} ${b.strategy.padEnd(8)} ${pad(b.execsPerSec.toFixed(0), 8)} ${pad(b.stepsPerSec.toFixed(0), 9)} ${pad(b.floorStepsPerSec.toFixed(0), 10)} ${pad(`${(b.ofFloor * 100).toFixed(1)}%`, 8)} ${pad(b.stepsPerExec.toFixed(1), 10)}${b.executions < runs ? `  (exhausted after ${b.executions})` : ''}`);
      }
    }
  }
  for (const strategy of MEASURED) {
    const mine = speeds.filter((b) => b.strategy === strategy);
    out(`  ${strategy.padEnd(8)} median over scenarios: ${median(mine.map((b) => b.execsPerSec)).toFixed(0)} exec/s, ${median(mine.map((b) => b.stepsPerSec)).toFixed(0)} steps/s, ${(median(mine.map((b) => b.ofFloor)) * 100).toFixed(1)}% of floor`);
  }

  out('');
  out(`2. time to first bug on ${seedVariant.name}: median ms / runs over ${seeds} seeds (dfs: one search), at most ${cap} runs; found/seeds`);
  const found = exploreVariant({ variant: seedVariant, scenarios, runs: 400, seed: '1' });
  const firsts: FirstBug[] = [];
  out(`   ${RACED.map((s) => s.padStart(20)).join('')}  bug [scenario]`);
  for (const bug of found.bugs) {
    const scenario = resolveScenarios(bug.best.scenario)[0]!;
    const cells: string[] = [];
    for (const strategy of RACED) {
      const f = firstBug(seedVariant, scenario, strategy, bug.key, seeds, cap);
      firsts.push(f);
      cells.push(pad(f.foundIn === 0 ? 'not found' : `${f.medianMs.toFixed(1)}ms/${f.medianRuns} ${f.foundIn}/${f.seeds}`, 20));
    }
    out(`   ${cells.join('')}  ${bug.kind}: ${bug.site.slice(0, 70)} [${scenario.name}]`);
  }

  out('');
  out(`3. exhaustive verification (DPOR, no preemption bound): ${cleanest.name} up to ${verifyCap} executions, the others up to ${olderCap}`);
  out(`${'variant'.padEnd(8)} ${'scenario'.padEnd(22)} ${pad('actors', 6)} ${pad('executions', 10)} ${pad('traces', 8)} ${pad('time', 8)}  result`);
  const proofs: Exhaustive[] = [];
  for (const variant of [...variants].reverse()) {
    for (const s of concurrent) {
      const e = exhaustive(variant, s, variant === cleanest ? verifyCap : olderCap);
      proofs.push(e);
      const result = e.complete ? (e.bugs > 0 ? `complete, ${e.bugs} bug(s)` : 'complete, clean') : `cut at the cap${e.bugs > 0 ? `, ${e.bugs} bug(s)` : ''}`;
      out(`${e.variant.padEnd(8)} ${e.scenario.padEnd(22)} ${pad(e.actors - 2, 6)} ${pad(e.executions, 10)} ${pad(e.traces, 8)} ${pad(`${e.seconds.toFixed(1)} s`, 8)}  ${result}`);
    }
  }

  out('');
  out('4. --workers 2 against one thread (2 cores here)');
  const speedups: Speedup[] = [
    await speedup(`explore ${seedVariant.name}, every scenario, ${runs} runs`, seedVariant, scenarios, 'explore', rounds, runs),
    await speedup(`explore ${seedVariant.name}, every scenario, ${runs * 5} runs`, seedVariant, scenarios, 'explore', 1, runs * 5),
    await speedup(`verify ${cleanest.name}, every concurrent scenario`, cleanest, quick ? concurrent.slice(0, 3) : concurrent, 'verify', 1, 0),
  ];
  for (const s of speedups) out(`   ${s.job.padEnd(44)} ${s.oneThreadSeconds.toFixed(1)} s -> ${s.twoWorkersSeconds.toFixed(1)} s  (x${s.speedup.toFixed(2)})`);

  const interpreted = await interpretedSection();

  if (jsonPath !== undefined) {
    const doc = benchDoc({ quick, rounds, runs, seeds, cap, verifyCap, olderCap }, { throughput: speeds, firstBugs: firsts, exhaustive: proofs, workers: speedups, interpreted });
    try {
      writeFileAtomic(jsonPath, `${JSON.stringify(doc, null, 2)}\n`);
      out('');
      out(`written: ${jsonPath}`);
    } catch (e) {
      process.stderr.write(`bench: ${(e as Error).message}\n`);
      process.exitCode = 2;
    }
  }
}

await main();
