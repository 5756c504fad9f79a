import { resolveVariant, scenarioArg } from '../../harness/resolve.js';
import { WORKLOAD_PREFIX } from '../../scenarios/workload/scenario.js';
import { formatWorkload } from '../../scenarios/workload/text.js';
import { checkRacesUntil, type CheckOptions } from '../../property/check.js';
import { describeCounterexample, formatSize, replayOf } from '../../property/counterexample.js';
import { formatOption, given, intOption, optionValue, UsageError, REPORT_FORMATS, type ParsedArgs } from '../args.js';
import { scenarioFromArgs } from '../scenarioArgs.js';
import { asInvoked, type Io } from './explore.js';
import { VARIANT_OPTIONS, variantSpecOf } from '../variantOption.js';
import { variantArgs } from '../../harness/patchSpec.js';
import { checkpointOf, interruptedLine, interruptedStatus } from '../interrupt.js';
import { reportSink } from '../output.js';
import { ProgressLine } from '../progress.js';
import { choice, flag, int, JSON_FLAG, MAX_RUNS, OUT_OPTION, type CommandSpec } from '../options.js';
import { BUG_KINDS } from '../../model/probes.js';
import { largestWorkload, WORKLOAD_DEFAULTS } from '../../property/arbitraries.js';
import { DEFAULT_MAX_SWITCHES } from '../../property/schedule.js';
import { LIMITS } from '../../scenarios/workload/validate.js';
import { closest } from '../closest.js';

/** More forced switches than this is not a schedule fast-check can shrink to a story. */
const MAX_SWITCHES = 1000;

/** What is wrong with a --bugs list: each kind must be one the checkers report (BUG_KINDS). */
function bugsProblem(v: string): string | null {
  const kinds = v.split(',').filter((k) => k !== '');
  if (kinds.length === 0) return `--bugs needs at least one kind (kinds: ${BUG_KINDS.join(', ')})`;
  const unknown = kinds.find((k) => !(BUG_KINDS as readonly string[]).includes(k));
  if (unknown === undefined) return null;
  const near = closest(unknown, BUG_KINDS);
  return `--bugs: unknown kind '${unknown}' (${near !== null ? `did you mean ${near}?` : `kinds: ${BUG_KINDS.join(', ')}`})`;
}

export const FUZZ_COMMAND: CommandSpec = {
  name: 'fuzz',
  summary: 'generated workloads and schedules (fast-check) until one fails; prints the shrunk counterexample and its replay',
  exits: '0 no case failed, 1 a case failed, 130/143 interrupted',
  options: [
    ...VARIANT_OPTIONS,
    int('runs', 'N', 1, MAX_RUNS, 'generated cases', 1000),
    // fast-check's seeds are 32-bit integers.
    int('seed', 'N', -0x7fffffff, 0x7fffffff, "fast-check's seed", 1),
    { name: 'path', value: 'P', about: "fast-check's path of a case (what a failure prints), to run that case again", check: (v) => (/^\d+(:\d+)*$/.test(v) ? null : `--path must be fast-check's path (numbers separated by ':'), got '${v}'`) },
    { name: 'workload', value: 'FILE|TEXT', about: 'one workload (a file or its text) with generated schedules, instead of generated workloads' },
    { name: 'bugs', value: 'KIND,...', about: `only these kinds of bug fail a case: ${BUG_KINDS.join(', ')}`, check: bugsProblem, default: 'every kind' },
    int('max-tasks', 'N', 1, LIMITS.tasks, 'concurrent tasks of a generated workload (a softirq counts as one)', WORKLOAD_DEFAULTS.maxTasks),
    int('max-calls', 'N', 1, LIMITS.calls, 'system calls per task of a generated workload', WORKLOAD_DEFAULTS.maxCalls),
    int('max-switches', 'N', 0, MAX_SWITCHES, 'context switches a generated schedule may force', DEFAULT_MAX_SWITCHES),
    flag('no-minimize', "keep fast-check's shrunk case as it is (cgsim reduces it further by default)"),
    choice('format', REPORT_FORMATS, 'the report: text, or the cgsim-fuzz/1 document', 'text'),
    JSON_FLAG,
    OUT_OPTION,
  ],
};

/**
 * The bounds of generated workloads: --max-tasks and --max-calls, which go with generated workloads only, and
 * only as far as every workload they allow is one a workload may be (scenarios/workload/validate.ts).
 */
function workloadBounds(a: ParsedArgs): { maxTasks: number; maxCalls: number } {
  const maxTasks = intOption(a, 'max-tasks');
  const maxCalls = intOption(a, 'max-calls');
  for (const k of ['max-tasks', 'max-calls']) if (given(a, k) && given(a, 'workload')) throw new UsageError(`--${k} bounds generated workloads: it does not go with --workload`);
  const largest = largestWorkload({ maxTasks, maxCalls });
  if (largest.calls > LIMITS.calls) {
    const setup = largest.calls - maxTasks * maxCalls;
    throw new UsageError(`--max-tasks ${maxTasks} with --max-calls ${maxCalls} allows workloads of ${largest.calls} calls (${setup} of setup); a workload has at most ${LIMITS.calls}, so max-tasks x max-calls must be at most ${LIMITS.calls - setup}`);
  }
  return { maxTasks, maxCalls };
}

/**
 * `cgsim fuzz`: the property "no bug" over generated workloads (or one `--workload`) and generated schedules,
 * with fast-check; on failure, the counterexample shrunk by fast-check and then by cgsim, its sizes, and the
 * commands that bring it back. Exit 1 when a case failed, 0 when none did.
 */
export async function fuzzCommand(a: ParsedArgs, io: Io): Promise<number> {
  // `--format json` is `--json`; a format that cannot be printed is refused before the run, not after it.
  const json = formatOption(a) === 'json';
  const workloadOptions = workloadBounds(a);
  const spec = variantSpecOf(a);
  const variant = await resolveVariant(spec, io.cwd ?? '.');
  const seed = intOption(a, 'seed');
  const path = optionValue(a, 'path');
  const bugs = optionValue(a, 'bugs')?.split(',').filter((k) => k !== '');
  const workload = a.options.has('workload') ? scenarioFromArgs(a, io.cwd ?? '.').workload : undefined;
  const o: CheckOptions = {
    variant,
    seed,
    numRuns: intOption(a, 'runs'),
    ...(path !== undefined ? { path } : {}),
    ...(bugs !== undefined ? { bugs } : {}),
    ...(workload !== undefined ? { workload } : {}),
    workloadOptions,
    scheduleOptions: { maxSwitches: intOption(a, 'max-switches') },
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
