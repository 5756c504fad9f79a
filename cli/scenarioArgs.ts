import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenariosNamed } from '../harness/resolve.js';
import type { Scenario } from '../scenarios/scenario.js';
import { WORKLOAD_PREFIX } from '../scenarios/workload/scenario.js';
import { optionValue, UsageError, type ParsedArgs } from './args.js';

export const SCENARIO_VALUED = ['scenario', 'workload'];

/**
 * The scenarios a command runs: `--scenario NAME` (a name, a family, all) or `--workload W`, where W is a
 * workload file or the workload's text itself (what a shrunk counterexample prints).
 */
export function scenariosFromArgs(a: ParsedArgs, cwd: string, fallback: string): Scenario[] {
  const workload = optionValue(a, 'workload');
  const name = optionValue(a, 'scenario');
  if (workload === undefined) return scenariosNamed(name ?? fallback);
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
  return scenariosNamed(`${WORKLOAD_PREFIX}${text}`);
}

/** Exactly one scenario (replay needs one). */
export function scenarioFromArgs(a: ParsedArgs, cwd: string): Scenario {
  const found = scenariosFromArgs(a, cwd, '');
  if (found.length !== 1) throw new UsageError(`'${optionValue(a, 'scenario')}' names ${found.length} scenarios; replay needs one (e.g. ${found[0]!.name})`);
  return found[0]!;
}
