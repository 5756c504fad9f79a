import { WORKLOAD_PREFIX } from '../scenarios/workload/prefix.js';
import { variantArgs } from './patchSpec.js';

// Kept apart from harness/resolve.ts (which loads every variant and scenario) so that the process's main thread,
// which prints the replay of a hang, starts without loading the model (cli/supervisor.ts).

/** How a command line names a scenario: a workload by its text, single-quoted (the text never holds a quote). */
export function scenarioArg(scenario: string): string {
  return scenario.startsWith(WORKLOAD_PREFIX) ? `--workload '${scenario.slice(WORKLOAD_PREFIX.length)}'` : `--scenario ${scenario}`;
}

/** The command that replays a witness; earlier runs it depends on come first. */
export function replayCommand(variant: string, scenario: string, schedules: readonly string[]): string {
  return ['cgsim replay', variantArgs(variant), scenarioArg(scenario), ...schedules.map((s) => `--schedule ${s}`)].join(' ');
}
