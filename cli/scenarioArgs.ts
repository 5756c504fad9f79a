import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scenarioNamed, scenariosNamed } from '../harness/resolve.js';
import type { Scenario } from '../scenarios/scenario.js';
import { WORKLOAD_PREFIX } from '../scenarios/workload/scenario.js';
import { UsageError, type ParsedArgs } from './args.js';
import type { OptionSpec } from './options.js';

/** --scenario and --workload, the options read here; `fallback` is what runs without either. */
export function scenarioOptions(fallback: string | undefined): OptionSpec[] {
  return [
    { name: 'scenario', value: 'NAME|all', about: 'a scenario, a family of them (bad-write), or all; see cgsim list', ...(fallback !== undefined ? { default: fallback } : {}) },
    { name: 'workload', value: 'FILE|TEXT', about: "a workload file, or a workload's text (what fuzz prints), instead of --scenario" },
  ];
}


/**
 * What names the scenarios a command runs: `--scenario NAME` (a name, a family, all), or `workload:<text>` for
 * `--workload W`, where W is a workload file or the workload's text itself (what a shrunk counterexample prints).
 */
function scenarioSpec(a: ParsedArgs, cwd: string, fallback: string): string {
  // Read as given (not every command that takes --workload takes --scenario: fuzz does not).
  const workload = a.options.get('workload')?.[0];
  const name = a.options.get('scenario')?.[0];
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
