import { variantArgs } from '../../harness/patchSpec.js';
import { VARIANT_VALUED, variantSpecOf } from '../variantOption.js';
import { resolveVariant, scenarioArg } from '../../harness/resolve.js';
import { WORKLOAD_PREFIX } from '../../scenarios/workload/scenario.js';
import { formatWorkload } from '../../scenarios/workload/text.js';
import { checkRacesUntil, type CheckOptions } from '../../property/check.js';
import { describeCounterexample, formatSize, replayOf } from '../../property/counterexample.js';
import { formatOption, intOption, optionValue, UsageError, REPORT_FORMATS, type ParsedArgs } from '../args.js';
import { scenarioFromArgs } from '../scenarioArgs.js';
import { asInvoked, type Io } from './explore.js';
import { checkpointOf, interruptedLine, interruptedStatus } from '../interrupt.js';
import { reportSink } from '../output.js';
import { ProgressLine } from '../progress.js';

export const FUZZ_VALUED = new Set([...VARIANT_VALUED, 'format', 'runs', 'seed', 'path', 'workload', 'bugs', 'max-tasks', 'max-calls', 'max-switches', 'out']);
export const FUZZ_FLAGS = new Set(['json', 'no-minimize']);

/** fast-check seeds are 32-bit integers. */
function seedOption(a: ParsedArgs): number {
  const raw = optionValue(a, 'seed', '1');
  if (!/^-?\d+$/.test(raw) || Math.abs(Number(raw)) > 0x7fffffff) throw new UsageError(`--seed must be a 32-bit integer (fast-check's seed), got '${raw}'`);
  return Number(raw);
}

/**
 * `cgsim fuzz`: the property "no bug" over generated workloads (or one `--workload`) and generated schedules,
 * with fast-check; on failure, the counterexample shrunk by fast-check and then by cgsim, its sizes, and the
 * commands that bring it back. Exit 1 when a case failed, 0 when none did.
 */
export async function fuzzCommand(a: ParsedArgs, io: Io): Promise<number> {
  // `--format json` is `--json`; a format that cannot be printed is refused before the run, not after it.
  const json = formatOption(a, REPORT_FORMATS, 'text') === 'json';
  const spec = variantSpecOf(a);
  const variant = await resolveVariant(spec, io.cwd ?? '.');
  const seed = seedOption(a);
  const path = optionValue(a, 'path');
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new UsageError(`--path must be fast-check's path (numbers separated by ':'), got '${path}'`);
  const bugs = optionValue(a, 'bugs')?.split(',').filter((k) => k !== '');
  const workload = a.options.has('workload') ? scenarioFromArgs(a, io.cwd ?? '.').workload : undefined;
  const o: CheckOptions = {
    variant,
    seed,
    numRuns: intOption(a, 'runs', 1000),
    ...(path !== undefined ? { path } : {}),
    ...(bugs !== undefined ? { bugs } : {}),
    ...(workload !== undefined ? { workload } : {}),
    workloadOptions: { maxTasks: intOption(a, 'max-tasks', 3), maxCalls: intOption(a, 'max-calls', 3) },
    scheduleOptions: { maxSwitches: intOption(a, 'max-switches', 6, 0) },
    noMinimize: a.flags.has('no-minimize'),
  };
  const sink = reportSink(a, io);
  const started = io.now();
  // How this user runs cgsim, for the printed replay command.
  const prog = asInvoked(io, 'cgsim replay').replace(/ replay$/, '');
  const progress = new ProgressLine(io, { command: 'cgsim fuzz', unit: 'cases', bound: o.numRuns! });
  const r = await checkRacesUntil(o, prog, betweenCases(io, progress));
  progress.clear();
  const again = asInvoked(
    io,
    [
      `cgsim fuzz ${variantArgs(variant.ref ?? variant.name)} --seed ${r.seed}`,
      ...(r.path !== null ? [`--path ${r.path}`] : []),
      ...(workload !== undefined ? [scenarioArg(`${WORKLOAD_PREFIX}${formatWorkload(workload)}`)] : []),
      ...(bugs !== undefined ? [`--bugs ${bugs.join(',')}`] : []),
      ...['max-tasks', 'max-calls', 'max-switches'].filter((k) => a.options.has(k)).map((k) => `--${k} ${optionValue(a, k)}`),
    ].join(' '),
  );
  const signal = r.interrupted ? (io.stopSignal?.() ?? 'SIGINT') : null;
  const stopLine = signal === null ? null : interruptedLine(signal, r.numRuns, r.failed ? 'case(s), while shrinking the failing one' : 'case(s)', []);
  if (json) {
    const doc = { format: 'cgsim-fuzz/1', variant: variant.name, failed: r.failed, cases: r.numRuns, seed: r.seed, path: r.path, first: r.first?.size ?? null, shrunk: r.shrunk?.size ?? null, minimal: r.minimal === null ? null : { ...r.minimal, replay: replayOf(r.minimal, prog) } };
    sink.line(JSON.stringify(signal === null ? doc : { ...doc, interrupted: { signal, cases: r.numRuns } }, null, 2));
    if (stopLine !== null) io.err(`cgsim: ${stopLine}`);
  } else {
    if (!r.failed) sink.line(`cgsim fuzz: ${variant.name}: no bug in ${r.numRuns} generated case(s), seed ${r.seed}`);
    else {
      const c = r.minimal!;
      sink.line(`cgsim fuzz: ${variant.name}: case ${r.numRuns} failed (seed ${r.seed})`);
      sink.line('');
      for (const line of describeCounterexample(c, prog)) sink.line(line);
      sink.line('');
      sink.line(`first failing case:   ${formatSize(r.first!.size)}`);
      sink.line(`shrunk by fast-check: ${formatSize(r.shrunk!.size)}`);
      sink.line(`reduced by cgsim:     ${formatSize(c.size)}`);
      sink.line(`fast-check: again with ${again} (seed and path of the shrunk case)`);
    }
    if (stopLine !== null) for (const line of ['', stopLine]) sink.line(line);
  }
  sink.finish();
  io.err(`cgsim: ${r.numRuns} case(s) in ${((io.now() - started) / 1000).toFixed(1)} s`);
  if (signal !== null) return interruptedStatus(signal, r.failed ? 1 : 0);
  return r.failed ? 1 : 0;
}

/**
 * What fuzz does before each case: count the one before it on the progress line, and pass the checkpoint (a
 * pause now and then, and whether a signal asked to stop). After a failure the cases are fast-check's shrinks.
 */
function betweenCases(io: Io, progress: ProgressLine): (failedYet: boolean) => Promise<boolean> {
  const checkpoint = checkpointOf(io);
  let calls = 0;
  return async (failedYet) => {
    // Shrinking is not one of the --runs cases: the count stops, the line says what happens instead.
    if (failedYet) progress.setPhase('shrinking the failing case');
    if (calls++ > 0) progress.advance(failedYet ? 0 : 1, failedYet ? ['the failing case'] : []);
    return checkpoint.reached();
  };
}
