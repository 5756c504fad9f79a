import { resolveVariant } from '../../harness/resolve.js';
import { scenarioOptions, scenariosFromArgs } from '../scenarioArgs.js';
import { unexploredScenarios, type ExploreResult } from '../../harness/explore.js';
import { verifyScenarioUntil, mergeVerified, type VerifyRequest, type VerifyResult } from '../../harness/verify.js';
import { findingKey } from '../../sim/finding.js';
import { formatOption, givenInt, intOption, REPORT_FORMATS, type ParsedArgs } from '../args.js';
import { choice, int, JSON_FLAG, MAX_RUNS, MAX_STEPS_OPTION, OUT_OPTION, type CommandSpec } from '../options.js';
import { MAX_PREEMPTIONS } from '../strategyArgs.js';
import { verifyText } from '../format/verifyText.js';
import { asInvoked, bugList, inWorkers, shardNote, type Io, type ScenariosDone } from './explore.js';
import { VARIANT_OPTIONS, variantSpecOf } from '../variantOption.js';
import { checkpointOf, interruptedLine, interruptedStatus } from '../interrupt.js';
import { reportSink } from '../output.js';
import { ProgressLine } from '../progress.js';
import type { Scenario } from '../../scenarios/scenario.js';
import { DISTRIBUTE_OPTIONS, distribution, shardOf, type Shard } from '../distribute.js';
import type { VerifyDoc } from '../format/resultDoc.js';

/** Executions per scenario before verify gives up on it (and says so). */
export const DEFAULT_MAX_EXECUTIONS = 50_000;

export const VERIFY_COMMAND: CommandSpec = {
  name: 'verify',
  summary: 'DPOR to the end: every Mazurkiewicz trace of each scenario, within the bounds, and what was proven',
  exits: '0 proven clean, 1 bugs found, 4 not proven or not explored (a bound cut the search), 130/143 interrupted',
  options: [
    ...VARIANT_OPTIONS,
    ...scenarioOptions('all'),
    { ...int('preemptions', 'K', 0, MAX_PREEMPTIONS, 'at most K preemptions per execution (bounded DPOR)'), default: 'none' },
    int('max-executions', 'N', 1, MAX_RUNS, 'executions per scenario before the search gives up on it (not proven)', DEFAULT_MAX_EXECUTIONS),
    MAX_STEPS_OPTION,
    ...DISTRIBUTE_OPTIONS,
    choice('format', REPORT_FORMATS, 'the report: text, or the cgsim-verify/1 document', 'text'),
    JSON_FLAG,
    OUT_OPTION,
  ],
};

/**
 * `cgsim verify`: every Mazurkiewicz trace of each scenario (within the bounds), by DPOR. Exit 0 when every
 * scenario was verified clean, 1 when a bug was found, 4 when none was but some scenario hit a bound.
 */
export async function verifyCommand(a: ParsedArgs, io: Io): Promise<number> {
  // `--format json` is `--json`; a format that cannot be printed is refused before the run, not after it.
  const json = formatOption(a) === 'json';
  const spec = variantSpecOf(a);
  const variant = await resolveVariant(spec, io.cwd ?? '.');
  const all = scenariosFromArgs(a, io.cwd ?? '.', 'all');
  const preemptions = givenInt(a, 'preemptions');
  const maxExecutions = intOption(a, 'max-executions');
  const maxSteps = intOption(a, 'max-steps');
  const dist = distribution(a);
  const scenarios = shardOf(all, dist.shard);
  const options = { maxExecutions, maxSteps, ...(preemptions !== undefined ? { preemptions } : {}) };
  const sink = reportSink(a, io);
  const started = io.now();
  // The cap is all a search of unknown size can promise: the time left is at most what the rest of it takes.
  const progress = new ProgressLine(io, { command: 'cgsim verify', unit: 'executions', bound: maxExecutions * scenarios.length, upper: true });
  const done =
    dist.workers > 1
      ? await inWorkers<VerifyResult>(scenarios.map((s) => ({ kind: 'verify' as const, variant: spec, cwd: io.cwd ?? '.', scenario: s.name, verify: options })), dist.workers, io, progress, maxExecutions)
      : await verifyHere({ variant, ...options }, scenarios, io, progress);
  progress.clear();
  const perScenario = done.results;
  const merged = mergeVerified(variant, perScenario);
  const bounds = { preemptions: preemptions ?? null, maxExecutions, maxSteps };
  const inv = (cmd: string): string => asInvoked(io, cmd);
  const executions = perScenario.reduce((n, r) => n + r.stats.executions, 0);
  const stopLine = done.signal === null ? null : interruptedLine(done.signal, executions, 'executions', done.unfinished);
  if (json) {
    const doc = verifyDoc({ name: variant.name, ref: variant.ref ?? variant.name, title: variant.title }, bounds, all.map((s) => s.name), dist.shard, perScenario, merged, inv);
    sink.line(JSON.stringify(done.signal === null ? doc : { ...doc, interrupted: { signal: done.signal, executions, unfinished: done.unfinished } }, null, 2));
    if (stopLine !== null) io.err(`cgsim: ${stopLine}`);
  } else {
    for (const line of verifyText(variant.name, variant.title, bounds, perScenario, merged, inv, done.unfinished)) sink.line(line);
    if (dist.shard !== null) sink.line(shardNote(dist.shard, scenarios.length, all.length));
    if (stopLine !== null) for (const line of ['', stopLine]) sink.line(line);
  }
  sink.finish();
  io.err(`cgsim: ${executions} executions over ${perScenario.length} scenario(s) in ${((io.now() - started) / 1000).toFixed(1)} s`);
  if (done.signal !== null) return interruptedStatus(done.signal, merged.bugs.length);
  return verifyStatus(perScenario, merged);
}

/** The scenarios verified one after the other on this thread, stopping between two executions when a signal asks. */
async function verifyHere(req: Omit<VerifyRequest, 'scenario'>, scenarios: readonly Scenario[], io: Io, progress: ProgressLine): Promise<ScenariosDone<VerifyResult>> {
  const checkpoint = checkpointOf(io);
  const onExecution: VerifyRequest['onExecution'] = (outcome) => progress.advance(1, outcome.findings.map(findingKey));
  const results: VerifyResult[] = [];
  const stoppedAt = (i: number): ScenariosDone<VerifyResult> => ({ results, unfinished: scenarios.slice(i).map((s) => s.name), signal: io.stopSignal?.() ?? 'SIGINT' });
  for (const [i, scenario] of scenarios.entries()) {
    if (checkpoint.stopped()) return stoppedAt(i);
    const { result, stopped } = await verifyScenarioUntil({ ...req, scenario, now: io.now, onExecution }, checkpoint);
    results.push(result);
    if (stopped) return stoppedAt(i);
    progress.shrinkBound((req.maxExecutions ?? 0) - result.stats.executions);
  }
  return { results, unfinished: [], signal: null };
}

/** 1 when a bug was found, else 4 when some scenario was not proven (a bound cut its search, or every execution), else 0. */
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
  const unexplored = unexploredScenarios(perScenario.map((r) => r.result));
  return { format: 'cgsim-verify/1', variant: variant.name, variantRef: variant.ref, title: variant.title, bounds, scenarios, shard, results, bugs: bugList(merged, inv), unexplored };
}
