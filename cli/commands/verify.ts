import { resolveVariant } from '../../harness/resolve.js';
import { scenariosFromArgs, SCENARIO_VALUED } from '../scenarioArgs.js';
import type { ExploreResult } from '../../harness/explore.js';
import { verifyInParallel } from '../../harness/parallel.js';
import { verifyScenario, mergeVerified, type VerifyResult } from '../../harness/verify.js';
import { intOption, optionValue, type ParsedArgs } from '../args.js';
import { verifyText } from '../format/verifyText.js';
import { asInvoked, bugList, shardNote, type Io } from './explore.js';
import { DISTRIBUTE_VALUED, distribution, shardOf, type Shard } from '../distribute.js';
import type { VerifyDoc } from '../format/resultDoc.js';

export const VERIFY_VALUED = new Set(['variant', ...SCENARIO_VALUED, 'preemptions', 'max-executions', 'max-steps', ...DISTRIBUTE_VALUED]);
export const VERIFY_FLAGS = new Set(['json']);

/** Executions per scenario before verify gives up on it (and says so). */
export const DEFAULT_MAX_EXECUTIONS = 50_000;

/**
 * `cgsim verify`: every Mazurkiewicz trace of each scenario (within the bounds), by DPOR. Exit 0 when every
 * scenario was verified clean, 1 when a bug was found, 4 when none was but some scenario hit a bound.
 */
export async function verifyCommand(a: ParsedArgs, io: Io): Promise<number> {
  const spec = optionValue(a, 'variant', 'v4');
  const variant = await resolveVariant(spec, io.cwd ?? '.');
  const all = scenariosFromArgs(a, io.cwd ?? '.', 'all');
  const preemptions = a.options.has('preemptions') ? intOption(a, 'preemptions', 2, 0) : undefined;
  const maxExecutions = intOption(a, 'max-executions', DEFAULT_MAX_EXECUTIONS);
  const maxSteps = intOption(a, 'max-steps', 20_000);
  const dist = distribution(a);
  const scenarios = shardOf(all, dist.shard);
  const options = { maxExecutions, maxSteps, ...(preemptions !== undefined ? { preemptions } : {}) };
  const started = io.now();
  let perScenario: VerifyResult[];
  if (dist.workers > 1) {
    perScenario = await verifyInParallel(scenarios.map((s) => ({ kind: 'verify' as const, variant: spec, cwd: io.cwd ?? '.', scenario: s.name, verify: options })), dist.workers);
  } else {
    perScenario = [];
    for (const scenario of scenarios) {
      const t0 = io.now();
      const r = verifyScenario({ variant, scenario, ...options });
      perScenario.push({ ...r, seconds: (io.now() - t0) / 1000 });
    }
  }
  const merged = mergeVerified(variant, perScenario);
  const bounds = { preemptions: preemptions ?? null, maxExecutions, maxSteps };
  const inv = (cmd: string): string => asInvoked(io, cmd);
  if (a.flags.has('json')) {
    io.out(JSON.stringify(verifyDoc({ name: variant.name, ref: variant.ref ?? variant.name, title: variant.title }, bounds, all.map((s) => s.name), dist.shard, perScenario, merged, inv), null, 2));
  } else {
    for (const line of verifyText(variant.name, variant.title, bounds, perScenario, merged, inv)) io.out(line);
    if (dist.shard !== null) io.out(shardNote(dist.shard, scenarios.length, all.length));
  }
  const executions = perScenario.reduce((n, r) => n + r.stats.executions, 0);
  io.err(`cgsim: ${executions} executions over ${scenarios.length} scenario(s) in ${((io.now() - started) / 1000).toFixed(1)} s`);
  return verifyStatus(perScenario, merged);
}

export function verifyStatus(perScenario: readonly Pick<VerifyResult, 'proven'>[], merged: ExploreResult): number {
  if (merged.bugs.length > 0) return 1;
  return perScenario.every((r) => r.proven) ? 0 : 4;
}

/** The --json document (format cgsim-verify/1): per scenario, without timings, and the bugs as printed. */
export function verifyDoc(
  variant: { name: string; ref: string; title: string },
  bounds: VerifyDoc['bounds'],
  scenarios: readonly string[],
  shard: Shard | null,
  perScenario: readonly VerifyResult[],
  merged: ExploreResult,
  inv: (cmd: string) => string,
): VerifyDoc {
  const results = perScenario.map(({ seconds: _s, ...rest }) => rest);
  return { format: 'cgsim-verify/1', variant: variant.name, variantRef: variant.ref, title: variant.title, bounds, scenarios, shard, results, bugs: bugList(merged, inv) };
}
