import { scenarioArg } from '../harness/resolve.js';
import { WORKLOAD_PREFIX } from '../scenarios/workload/scenario.js';
import { formatWorkload } from '../scenarios/workload/text.js';
import { callCount, type Workload } from '../scenarios/workload/workload.js';
import type { Finding } from '../sim/finding.js';

/** A failing case as a reviewer gets it: the workload, the schedule that breaks it, the bug, and its size. */
export interface Counterexample {
  /** How the variant is named on the command line. */
  readonly variant: string;
  readonly workload: Workload;
  /** The schedule up to the bug's step, as `cgsim replay --schedule` reads it. */
  readonly schedule: string;
  readonly bug: Finding;
  readonly size: CaseSize;
}

/** What "smaller" means to a reader: fewer tasks, fewer system calls, fewer context switches. */
export interface CaseSize {
  readonly tasks: number;
  readonly calls: number;
  readonly switches: number;
}

export function caseSize(w: Workload, switches: number): CaseSize {
  return { tasks: w.tasks.length, calls: callCount(w), switches };
}

/** `cgsim replay` of the counterexample, runnable as printed. */
export function replayOf(c: Counterexample, prog = 'cgsim'): string {
  return `${prog} replay --variant ${c.variant} ${scenarioArg(`${WORKLOAD_PREFIX}${formatWorkload(c.workload)}`)} --schedule ${c.schedule}`;
}

export function formatSize(s: CaseSize): string {
  return `${s.tasks} task(s), ${s.calls} system call(s), ${s.switches} context switch(es)`;
}

/** The report lines: the bug, the story (one line per section of the workload), the schedule, the replay. */
export function describeCounterexample(c: Counterexample, prog = 'cgsim'): string[] {
  return [
    `${c.bug.kind}: ${c.bug.object} -- ${c.bug.title}`,
    `  site: ${c.bug.site}`,
    `  found by ${c.bug.actor} at step ${c.bug.step + 1}; ${formatSize(c.size)}`,
    '  workload:',
    ...formatWorkload(c.workload, false)
      .split('\n')
      .map((l) => `    ${l}`),
    `  schedule: ${c.schedule}`,
    `  replay: ${replayOf(c, prog)}`,
  ];
}
