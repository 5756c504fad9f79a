import fc from 'fast-check';
import { variantNamed } from '../harness/resolve.js';
import type { Variant } from '../model/variant.js';
import { validateWorkload } from '../scenarios/workload/validate.js';
import type { Workload } from '../scenarios/workload/workload.js';
import { findingKey } from '../sim/finding.js';
import type { Switch } from '../sim/strategy/switches.js';
import { workloadArbitrary, type WorkloadOptions } from './arbitraries.js';
import { caseSize, describeCounterexample, type Counterexample } from './counterexample.js';
import { runWorkload, switchStrategy, type BugFilter } from './runCase.js';
import { formatSwitches, scheduleArbitrary, type ScheduleOptions } from './schedule.js';
import { formatWorkload } from '../scenarios/workload/text.js';

export interface RaceOptions {
  /** A shipped version's name (as `cgsim list` prints it) or a Variant (a user-written one). */
  readonly variant: string | Variant;
  /** The workloads: one fixed workload, an arbitrary of them, or generated ones (the default). */
  readonly workload?: Workload | fc.Arbitrary<Workload>;
  /** Bounds for generated workloads (when `workload` is not given). */
  readonly workloadOptions?: WorkloadOptions;
  readonly scheduleOptions?: ScheduleOptions;
  /** Which reports fail the property: bug kinds (`['list-corruption']`) or a predicate; every report by default. */
  readonly bugs?: readonly string[] | BugFilter;
}

/** A generated case: a workload and a schedule, printed by fast-check in the workload's own text. */
export interface RaceCase {
  readonly workload: Workload;
  readonly schedule: readonly Switch[];
}

/**
 * Thrown by a failing case; its message ends with the `cgsim replay` command (fast-check 4 keeps it as the
 * `cause` of fc.assert's error; the failed case's printed form carries the same report, below).
 */
export class RaceFound extends Error {
  constructor(readonly counterexample: Counterexample) {
    super(describeCounterexample(counterexample).join('\n'));
    this.name = 'RaceFound';
  }
}

/** The filter a `bugs` option describes. */
export function acceptOf(bugs: RaceOptions['bugs']): BugFilter {
  if (bugs === undefined) return () => true;
  if (typeof bugs === 'function') return bugs;
  return (f) => bugs.includes(f.kind);
}

/** The cases of a property: workloads (fixed, given or generated) with generated schedules. */
export function raceCases(o: RaceOptions): fc.Arbitrary<RaceCase> {
  const given = o.workload;
  const fixed = given !== undefined && !(given instanceof fc.Arbitrary) ? validateWorkload(given) : null;
  const workloads = fixed !== null ? fc.constant(fixed) : ((given as fc.Arbitrary<Workload> | undefined) ?? workloadArbitrary(o.workloadOptions));
  // Generated workloads: switches name up to the largest number of tasks (an index past the end wraps).
  const over = fixed ?? (o.workloadOptions?.maxTasks ?? 3) + 1;
  return fc.tuple(workloads, scheduleArbitrary(over, o.scheduleOptions)).map(([workload, schedule]) => {
    const c = { workload, schedule, [fc.toStringMethod]: (): string => caseText(c) };
    return c;
  });
}

/**
 * The cases that failed, with what they showed. fast-check 4's fc.assert builds its message from the
 * counterexample's printed form only (the thrown RaceFound is in the error's `cause`, which a test runner may
 * not print), so a failed case prints with cgsim's report and the replay command after it.
 */
const failures = new WeakMap<RaceCase, Counterexample>();

function caseText(c: RaceCase): string {
  const text = `{ workload: '${formatWorkload(c.workload)}', schedule: ${formatSwitches(c.schedule)} }`;
  const found = failures.get(c);
  if (found === undefined) return text;
  return [`${text} -- cgsim:`, ...describeCounterexample(found).map((l) => `  ${l}`), ''].join('\n');
}

/**
 * The property "no interleaving of these workloads shows a bug", for fc.assert or fc.check. Each case runs the
 * workload under its schedule with fresh checkers and fails with RaceFound, whose message is the cgsim report
 * and the replay command; fc.assert's own message has them too, after the counterexample.
 *
 * Shrinking keeps the bug: once a case has failed, the property fails only for cases that show the same bug
 * (kind and site), so fast-check's shrinking cannot wander off to a different, smaller bug. That memory is per
 * property: call raceProperty once per fc.assert.
 */
export function raceProperty(o: RaceOptions): fc.IPropertyWithHooks<[RaceCase]> & { readonly firstFailure: () => Counterexample | null } {
  const { check, firstFailure } = raceCheck(o);
  return Object.assign(fc.property(raceCases(o), check), { firstFailure });
}

/**
 * raceProperty as an asynchronous property that awaits `between(failedYet)` before each case (after a failure,
 * the cases are fast-check's shrinks of it), so that a long check lets its caller in (a signal's handler, a
 * progress line); when `between` says stop, fast-check ends the run
 * there (an interruption, not a failure), with the cases before it as they were. Same cases, same order.
 */
export function raceAsyncProperty(o: RaceOptions, between: (failedYet: boolean) => Promise<boolean>): fc.IAsyncPropertyWithHooks<[RaceCase]> & { readonly firstFailure: () => Counterexample | null } {
  const { check, firstFailure } = raceCheck(o);
  const prop = fc.asyncProperty(raceCases(o), async (c: RaceCase) => {
    if (await between(firstFailure() !== null)) throw new fc.PreconditionFailure(true);
    check(c);
  });
  return Object.assign(prop, { firstFailure });
}

/** The predicate of raceProperty (throws RaceFound), with its memory of the first failure. */
function raceCheck(o: RaceOptions): { check: (c: RaceCase) => void; firstFailure: () => Counterexample | null } {
  const variant = typeof o.variant === 'string' ? variantNamed(o.variant) : o.variant;
  const accept = acceptOf(o.bugs);
  let target: string | null = null;
  let first: Counterexample | null = null;
  const check = (c: RaceCase): void => {
    const run = runWorkload(variant, c.workload, switchStrategy(c.schedule), accept);
    if (run.bug === null) return;
    const key = findingKey(run.bug);
    if (target !== null && key !== target) return;
    const found: Counterexample = { variant: variant.ref ?? variant.name, workload: c.workload, schedule: run.schedule, bug: run.bug, size: caseSize(c.workload, run.switches) };
    if (target === null) {
      target = key;
      first = found;
    }
    failures.set(c, found);
    throw new RaceFound(found);
  };
  return { check, firstFailure: () => first };
}
