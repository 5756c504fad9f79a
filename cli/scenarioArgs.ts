import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioNamed, scenariosNamed } from '../harness/resolve.js';
import type { Scenario } from '../scenarios/scenario.js';
import { WORKLOAD_PREFIX } from '../scenarios/workload/scenario.js';
import { optionValue, UsageError, type ParsedArgs } from './args.js';

export const SCENARIO_VALUED = ['scenario', 'workload'];

/**
 * What names the scenarios a command runs: `--scenario NAME` (a name, a family, all), or `workload:<text>` for
 * `--workload W`, where W is a workload file or the workload's text itself (what a shrunk counterexample prints).
 */
function scenarioSpec(a: ParsedArgs, cwd: string, fallback: string): string {
  const workload = optionValue(a, 'workload');
  const name = optionValue(a, 'scenario');
  if (workload === undefined) return name ?? fallback;
  if (name !== undefined) throw new UsageError('give either --scenario or --workload, not both');
  const path = resolve(cwd, workload);
  let text = workload;
  if (!workload.includes('|') && !workload.includes(':') && existsSync(path)) {
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read workload file ${workload}: ${(e as Error).message}`);
    }
  } else if (!/\b(task|irq)\b/.test(workload)) {
    throw new UsageError(`--workload '${workload}' is neither a workload file nor a workload's text (which has at least one 'task NAME: calls')`);
  }
  return `${WORKLOAD_PREFIX}${text}`;
}

export function scenariosFromArgs(a: ParsedArgs, cwd: string, fallback: string): Scenario[] {
  return scenariosNamed(scenarioSpec(a, cwd, fallback));
}

/** Exactly one scenario (replay needs one). */
export function scenarioFromArgs(a: ParsedArgs, cwd: string): Scenario {
  return scenarioNamed(scenarioSpec(a, cwd, ''));
}
