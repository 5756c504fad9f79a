import fc from 'fast-check';
import { variantNamed } from '../harness/resolve.js';
import { describeCounterexample, formatSize, type Counterexample } from './counterexample.js';
import { minimizeCase } from './minimize.js';
import { acceptOf, raceAsyncProperty, raceProperty, RaceFound, type RaceCase, type RaceOptions } from './raceProperty.js';
import type { Variant } from '../model/variant.js';
import { checkReplay } from '../harness/witnessCheck.js';
import { workloadScenario } from '../scenarios/workload/scenario.js';

export interface CheckOptions extends RaceOptions {
  /** fast-check's parameters: how many cases, and the seed and path that reproduce a failure. */
  readonly numRuns?: number;
  readonly seed?: number;
  readonly path?: string;
  /** Skip cgsim's own reduction after fast-check's (faster, larger counterexamples). */
  readonly noMinimize?: boolean;
}

export interface CheckResult {
  readonly failed: boolean;
  readonly numRuns: number;
  readonly seed: number;
  /** fast-check's path to the shrunk case: with the seed, it replays the failure. */
  readonly path: string | null;
  /** The first case that failed, as fast-check found it. */
  readonly first: Counterexample | null;
  /** After fast-check's shrinking. */
  readonly shrunk: Counterexample | null;
  /** After cgsim's reduction (fewest tasks, calls and context switches that still show the same bug). */
  readonly minimal: Counterexample | null;
  /** What a failing test prints: the bug, the three sizes, the fast-check seed and path, the replay command. */
  readonly message: string;
  /** Stopped early (checkRacesUntil): `numRuns` cases passed before; a failure is shrunk only as far as it got. */
  readonly interrupted: boolean;
}

/**
 * Runs raceProperty with fast-check, then reduces the counterexample further (minimize.ts). The result says
 * what failed and how to get it back: fast-check's seed and path, and the `cgsim replay` command.
 */
export function checkRaces(o: CheckOptions, prog = 'cgsim'): CheckResult {
  const variant = typeof o.variant === 'string' ? variantNamed(o.variant) : o.variant;
  const prop = raceProperty({ ...o, variant });
  return resultOf(fc.check(prop, parametersOf(o)), prop.firstFailure(), o, variant, prog);
}

/**
 * checkRaces, awaiting `between()` before each case (raceAsyncProperty): the same cases and result when it
 * never says stop; when it does, the result of the cases run so far, `interrupted`, and a failure found so far
 * as far as fast-check had shrunk it (cgsim's own reduction is skipped: it was asked to stop).
 */
export async function checkRacesUntil(o: CheckOptions, prog: string, between: (failedYet: boolean) => Promise<boolean>): Promise<CheckResult> {
  const variant = typeof o.variant === 'string' ? variantNamed(o.variant) : o.variant;
  const prop = raceAsyncProperty({ ...o, variant }, between);
  const details = await fc.check(prop, parametersOf(o));
  return resultOf(details, prop.firstFailure(), details.interrupted ? { ...o, noMinimize: true } : o, variant, prog);
}

function parametersOf(o: CheckOptions): fc.Parameters<[RaceCase]> {
  return {
    ...(o.numRuns !== undefined ? { numRuns: o.numRuns } : {}),
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.path !== undefined ? { path: o.path } : {}),
  };
}

/** What fast-check's run details say, reduced further by cgsim (minimize.ts) unless told not to. */
function resultOf(details: fc.RunDetails<[RaceCase]>, firstFailure: Counterexample | null, o: CheckOptions, variant: Variant, prog: string): CheckResult {
  const interrupted = details.interrupted;
  // Interrupted before any failure: fast-check calls that failed when no case passed; cgsim, a short clean run.
  if (!details.failed || (interrupted && details.counterexample === null)) {
    return { failed: false, numRuns: details.numRuns, seed: details.seed, path: null, first: null, shrunk: null, minimal: null, message: `no bug in ${details.numRuns} case(s) (seed ${details.seed})`, interrupted };
  }
  const err = details.errorInstance;
  if (!(err instanceof RaceFound)) throw err instanceof Error ? err : new Error(String(err));
  const shrunk = err.counterexample;
  const c = details.counterexample![0] as RaceCase;
  const minimal = o.noMinimize === true ? shrunk : minimizeCase(variant, shrunk.workload, c.schedule, acceptOf(o.bugs));
  // What is printed replays in a fresh process: the case is replayed on a fresh instance of a user's module first.
  checkReplay(variant, workloadScenario(minimal.workload), [minimal.schedule], minimal.bug, 'a generated case');
  const first = firstFailure ?? shrunk;
  const message = [
    `cgsim found a bug in ${variant.name} after ${details.numRuns} case(s):`,
    ...describeCounterexample(minimal, prog),
    `  sizes: first failing case ${formatSize(first.size)}; shrunk by fast-check ${formatSize(shrunk.size)}; minimal ${formatSize(minimal.size)}`,
    `  fast-check: { seed: ${details.seed}, path: "${details.counterexamplePath}" } reproduces the shrunk case`,
  ].join('\n');
  return { failed: true, numRuns: details.numRuns, seed: details.seed, path: details.counterexamplePath, first, shrunk, minimal, message, interrupted };
}

/** Throws an Error whose message is checkRaces' report when a case fails. */
export function assertRaceFree(o: CheckOptions): void {
  const r = checkRaces(o);
  if (r.failed) throw new Error(r.message);
}

/** The part of ava's ExecutionContext raceFree needs (so cgsim does not depend on ava). */
export interface TestContext {
  pass(message?: string): void;
  fail(message?: string): void;
  log(...values: unknown[]): void;
}

/**
 * An ava implementation: `test('close vs rmdir never corrupts the list', raceFree, { variant: NAME, ... })` (NAME: a shipped version's, as `cgsim list` prints it).
 * Passes, or fails with the bug, the fast-check seed and path, and the replay command.
 */
export function raceFree(t: TestContext, o: CheckOptions): void {
  const r = checkRaces(o);
  if (r.failed) t.fail(r.message);
  else t.pass();
}
