/**
 * `npm run bench`: how fast cgsim explores, against a floor measured in the same run.
 *
 * - Per scenario (v4, seeded random strategy): executions/s and steps/s, median of several rounds.
 * - The floor: the same engine and strategy running bare generators that take, per actor, the same number of
 *   steps as the scenario's actors did on average, with no model and no checks. The ratio of the two steps/s
 *   holds across machines better than either number alone.
 * - Time to first bug: for each distinct bug of the default v4 exploration, over 10 seeds, the runs and the
 *   milliseconds until a random exploration of its scenario first finds it; medians.
 *
 * Options: --rounds N (default 5), --runs N per round (default 1500), --seeds N (default 10),
 * --json FILE (also write the results as JSON; the file is written whole or not at all).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allCheckers } from '../checkers/index.js';
import { exploreVariant } from '../harness/explore.js';
import { runOnce } from '../harness/run.js';
import { v4 } from '../model/variants/v4/index.js';
import { resolveScenarios, scenarios } from '../scenarios/index.js';
import type { Scenario } from '../scenarios/scenario.js';
import type { ActorSpec } from '../sim/actor.js';
import { Execution } from '../sim/execution.js';
import { findingKey } from '../sim/finding.js';
import { RandomStrategy } from '../sim/strategy/random.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) {
    process.stderr.write(`bench: --${name} needs a positive integer\n`);
    process.exit(2);
  }
  return v;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface ScenarioBench {
  scenario: string;
  execsPerSec: number;
  stepsPerSec: number;
  floorStepsPerSec: number;
  ratio: number;
  stepsPerExec: number;
}

/** One round of `runs` random executions; returns seconds and steps, and each actor's steps. */
function round(scenario: Scenario, runs: number, seed: string): { seconds: number; steps: number; perActor: number[] } {
  const checkers = allCheckers();
  const perActor: number[] = [];
  let steps = 0;
  const t0 = performance.now();
  for (let run = 0; run < runs; run++) {
    const { outcome } = runOnce({ variant: v4, scenario, strategy: new RandomStrategy(seed, run), checkers, run });
    steps += outcome.steps;
    for (const id of outcome.schedule) perActor[id] = (perActor[id] ?? 0) + 1;
  }
  return { seconds: (performance.now() - t0) / 1000, steps, perActor };
}

/** The floor: bare generators with the given steps per actor, on the same engine and strategy. */
function floor(stepsPerActor: readonly number[], runs: number, seed: string): number {
  const bodies: ActorSpec[] = stepsPerActor.map((n, i) => ({
    name: `a${i}`,
    body: function* () {
      for (let s = 1; s < n; s++) yield;
    },
  }));
  let steps = 0;
  const t0 = performance.now();
  for (let run = 0; run < runs; run++) {
    const exec = new Execution(() => ({ actors: bodies }), new RandomStrategy(seed, run));
    steps += exec.run().steps;
  }
  return steps / ((performance.now() - t0) / 1000);
}

function benchScenario(scenario: Scenario, rounds: number, runs: number): ScenarioBench {
  const execs: number[] = [];
  const stepRates: number[] = [];
  const floors: number[] = [];
  let stepsPerExec = 0;
  for (let r = 0; r < rounds; r++) {
    const x = round(scenario, runs, `bench${r}`);
    execs.push(runs / x.seconds);
    stepRates.push(x.steps / x.seconds);
    stepsPerExec = x.steps / runs;
    floors.push(floor(x.perActor.map((n) => Math.max(1, Math.round((n ?? 0) / runs))), runs, `bench${r}`));
  }
  const stepsPerSec = median(stepRates);
  const floorStepsPerSec = median(floors);
  return { scenario: scenario.name, execsPerSec: median(execs), stepsPerSec, floorStepsPerSec, ratio: stepsPerSec / floorStepsPerSec, stepsPerExec };
}

interface FirstBug {
  key: string;
  scenario: string;
  medianRuns: number;
  medianMs: number;
  foundIn: number;
  seeds: number;
}

/** Runs and milliseconds until `key` first shows up in a random exploration of `scenario` seeded `seed`. */
function timeToBug(scenario: Scenario, key: string, seed: string, cap: number): { runs: number; ms: number } | null {
  const checkers = allCheckers();
  const t0 = performance.now();
  for (let run = 0; run < cap; run++) {
    const { outcome } = runOnce({ variant: v4, scenario, strategy: new RandomStrategy(seed, run), checkers, run });
    if (outcome.findings.some((f) => findingKey(f) === key)) return { runs: run + 1, ms: performance.now() - t0 };
  }
  return null;
}

function main(): void {
  const rounds = arg('rounds', 5);
  const runs = arg('runs', 1500);
  const seeds = arg('seeds', 10);
  const jsonAt = process.argv.indexOf('--json');
  const jsonPath = jsonAt >= 0 ? process.argv[jsonAt + 1] : undefined;
  if (jsonAt >= 0 && (jsonPath === undefined || jsonPath.startsWith('--'))) {
    process.stderr.write('bench: --json needs a file name\n');
    process.exit(2);
  }
  const out = (l: string): void => void process.stdout.write(`${l}\n`);

  out(`cgsim bench: v4, seeded random strategy, ${rounds} rounds of ${runs} runs per scenario (medians); node ${process.version}`);
  out('');
  out(`${'scenario'.padEnd(22)} ${'exec/s'.padStart(8)} ${'steps/s'.padStart(10)} ${'floor steps/s'.padStart(14)} ${'of floor'.padStart(9)} ${'steps/exec'.padStart(10)}`);
  const concurrent = scenarios.filter((s) => !s.name.startsWith('bad-write:') || s.name === 'bad-write:no-args');
  const perScenario: ScenarioBench[] = [];
  for (const s of concurrent) {
    const b = benchScenario(s, rounds, runs);
    perScenario.push(b);
    out(`${b.scenario.padEnd(22)} ${b.execsPerSec.toFixed(0).padStart(8)} ${b.stepsPerSec.toFixed(0).padStart(10)} ${b.floorStepsPerSec.toFixed(0).padStart(14)} ${`${(b.ratio * 100).toFixed(1)}%`.padStart(9)} ${b.stepsPerExec.toFixed(1).padStart(10)}`);
  }

  out('');
  out(`time to first bug (v4, median over ${seeds} seeds; bugs of the default exploration, each in the scenario of its best witness):`);
  const found = exploreVariant({ variant: v4, scenarios, runs: 400, seed: '1' });
  const firstBugs: FirstBug[] = [];
  for (const bug of found.bugs) {
    const scenario = resolveScenarios(bug.best.scenario)[0]!;
    const samples: { runs: number; ms: number }[] = [];
    for (let i = 0; i < seeds; i++) {
      const r = timeToBug(scenario, bug.key, `ttb${i}`, 20_000);
      if (r !== null) samples.push(r);
    }
    const fb: FirstBug = {
      key: bug.key,
      scenario: bug.best.scenario,
      medianRuns: samples.length > 0 ? median(samples.map((s) => s.runs)) : NaN,
      medianMs: samples.length > 0 ? median(samples.map((s) => s.ms)) : NaN,
      foundIn: samples.length,
      seeds,
    };
    firstBugs.push(fb);
    out(`  ${fb.medianMs.toFixed(1).padStart(8)} ms ${String(fb.medianRuns).padStart(6)} runs  ${fb.foundIn}/${seeds} seeds  ${bug.kind}: ${bug.site.slice(0, 90)} [${fb.scenario}]`);
  }

  if (jsonPath !== undefined) {
    const tmp = `${jsonPath}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, `${JSON.stringify({ node: process.version, rounds, runs, seeds, perScenario, firstBugs }, null, 2)}\n`);
      renameSync(tmp, jsonPath);
      out('');
      out(`written: ${jsonPath}`);
    } catch (e) {
      process.stderr.write(`bench: cannot write ${jsonPath}: ${(e as Error).message}\n`);
      process.exitCode = 2;
    }
  }
}

main();
