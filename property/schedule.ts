import fc from 'fast-check';
import type { Workload } from '../scenarios/workload/workload.js';
import type { Switch } from '../sim/strategy/switches.js';

/** Context switches a generated schedule may force when not told. */
export const DEFAULT_MAX_SWITCHES = 6;

export interface ScheduleOptions {
  /** Context switches the schedule may force. Default 6. */
  readonly maxSwitches?: number;
  /** Steps with a choice between two switches. Default 40 (a system call is 5 to 40 steps). */
  readonly maxGap?: number;
}

/**
 * Generated schedules over a workload's actors: a list of context switches (sim/strategy/switches.ts), each
 * `after` steps with a choice and `to` a task (0..n-1, in the workload's order) or the kworker (n). Given a
 * number instead of a workload, that many actors (for workloads generated alongside). Shrinks towards fewer
 * switches, earlier ones, and lower-numbered tasks, so a counterexample keeps only the preemptions it needs.
 */
export function scheduleArbitrary(over: Workload | number, options: ScheduleOptions = {}): fc.Arbitrary<Switch[]> {
  const actors = typeof over === 'number' ? over : over.tasks.length + 1;
  const sw = fc.record({ after: fc.nat({ max: options.maxGap ?? 40 }), to: fc.nat({ max: Math.max(0, actors - 1) }) });
  return fc.array(sw, { maxLength: options.maxSwitches ?? DEFAULT_MAX_SWITCHES });
}

/** A schedule as text: `3>1 0>2` is "after 3 steps switch to task 1, then at once to task 2". */
export function formatSwitches(s: readonly Switch[]): string {
  return s.length === 0 ? '(no preemption)' : s.map((x) => `${x.after}>${x.to}`).join(' ');
}
