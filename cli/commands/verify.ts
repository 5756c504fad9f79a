import { resolveVariant, scenariosNamed } from '../../harness/resolve.js';
import { verifyScenario, mergeVerified, type VerifyResult } from '../../harness/verify.js';
import { intOption, optionValue, type ParsedArgs } from '../args.js';
import { verifyText } from '../format/verifyText.js';
import { asInvoked, type Io } from './explore.js';

export const VERIFY_VALUED = new Set(['variant', 'scenario', 'preemptions', 'max-executions', 'max-steps']);
export const VERIFY_FLAGS = new Set(['json']);

/** Executions per scenario before verify gives up on it (and says so). */
export const DEFAULT_MAX_EXECUTIONS = 50_000;

/**
 * `cgsim verify`: every Mazurkiewicz trace of each scenario (within the bounds), by DPOR. Exit 0 when every
 * scenario was verified clean, 1 when a bug was found, 4 when none was but some scenario hit a bound.
 */
export async function verifyCommand(a: ParsedArgs, io: Io): Promise<number> {
  const variant = await resolveVariant(optionValue(a, 'variant', 'v4'), io.cwd ?? '.');
  const scenarios = scenariosNamed(optionValue(a, 'scenario', 'all'));
  const preemptions = a.options.has('preemptions') ? intOption(a, 'preemptions', 2, 0) : undefined;
  const maxExecutions = intOption(a, 'max-executions', DEFAULT_MAX_EXECUTIONS);
  const maxSteps = intOption(a, 'max-steps', 20_000);
  const started = io.now();
  const perScenario: VerifyResult[] = [];
  for (const scenario of scenarios) {
    const t0 = io.now();
    const r = verifyScenario({ variant, scenario, maxExecutions, maxSteps, ...(preemptions !== undefined ? { preemptions } : {}) });
    perScenario.push({ ...r, seconds: (io.now() - t0) / 1000 });
  }
  const merged = mergeVerified(variant, perScenario);
  const bounds = { preemptions, maxExecutions, maxSteps };
  const inv = (cmd: string): string => asInvoked(io, cmd);
  if (a.flags.has('json')) io.out(JSON.stringify(verifyJson(variant.name, bounds, perScenario, merged, inv), null, 2));
  else for (const line of verifyText(variant.name, variant.title, bounds, perScenario, merged, inv)) io.out(line);
  const executions = perScenario.reduce((n, r) => n + r.stats.executions, 0);
  io.err(`cgsim: ${executions} executions over ${scenarios.length} scenario(s) in ${((io.now() - started) / 1000).toFixed(1)} s`);
  if (merged.bugs.length > 0) return 1;
  return perScenario.every((r) => r.proven) ? 0 : 4;
}

function verifyJson(
  variant: string,
  bounds: { preemptions: number | undefined; maxExecutions: number; maxSteps: number },
  perScenario: readonly VerifyResult[],
  merged: ReturnType<typeof mergeVerified>,
  inv: (cmd: string) => string,
): object {
  return {
    variant,
    bounds: { preemptions: bounds.preemptions ?? null, maxExecutions: bounds.maxExecutions, maxSteps: bounds.maxSteps },
    scenarios: perScenario.map((r) => ({
      scenario: r.scenario,
      executions: r.stats.executions,
      traces: r.stats.traces,
      sleepBlocked: r.stats.sleepBlocked,
      boundCuts: r.stats.boundCuts,
      stepBound: r.stepBound,
      executionCap: r.executionCap,
      complete: r.stats.complete,
      proven: r.proven,
      bugs: r.result.summary.bugs.map((b) => b.key),
      seconds: r.seconds,
    })),
    bugs: merged.bugs.map((b) => ({ kind: b.kind, object: b.object, site: b.site, title: b.title, scenario: b.best.scenario, schedule: b.best.witness.schedule, replay: inv(b.best.replay) })),
  };
}
