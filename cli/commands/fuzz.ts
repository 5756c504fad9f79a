import { resolveVariant, scenarioArg } from '../../harness/resolve.js';
import { WORKLOAD_PREFIX } from '../../scenarios/workload/scenario.js';
import { formatWorkload } from '../../scenarios/workload/text.js';
import { checkRaces, type CheckOptions } from '../../property/check.js';
import { describeCounterexample, formatSize, replayOf } from '../../property/counterexample.js';
import { intOption, optionValue, UsageError, type ParsedArgs } from '../args.js';
import { scenarioFromArgs } from '../scenarioArgs.js';
import { asInvoked, type Io } from './explore.js';

export const FUZZ_VALUED = new Set(['variant', 'runs', 'seed', 'path', 'workload', 'bugs', 'max-tasks', 'max-calls', 'max-switches']);
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
  const spec = optionValue(a, 'variant', 'v4');
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
  const started = io.now();
  // How this user runs cgsim, for the printed replay command.
  const prog = asInvoked(io, 'cgsim replay').replace(/ replay$/, '');
  const r = checkRaces(o, prog);
  const again = asInvoked(
    io,
    [
      `cgsim fuzz --variant ${variant.ref ?? variant.name} --seed ${r.seed}`,
      ...(r.path !== null ? [`--path ${r.path}`] : []),
      ...(workload !== undefined ? [scenarioArg(`${WORKLOAD_PREFIX}${formatWorkload(workload)}`)] : []),
      ...(bugs !== undefined ? [`--bugs ${bugs.join(',')}`] : []),
      ...['max-tasks', 'max-calls', 'max-switches'].filter((k) => a.options.has(k)).map((k) => `--${k} ${optionValue(a, k)}`),
    ].join(' '),
  );
  if (a.flags.has('json')) {
    io.out(JSON.stringify({ format: 'cgsim-fuzz/1', variant: variant.name, failed: r.failed, cases: r.numRuns, seed: r.seed, path: r.path, first: r.first?.size ?? null, shrunk: r.shrunk?.size ?? null, minimal: r.minimal === null ? null : { ...r.minimal, replay: replayOf(r.minimal, prog) } }, null, 2));
  } else if (!r.failed) {
    io.out(`cgsim fuzz: ${variant.name}: no bug in ${r.numRuns} generated case(s), seed ${r.seed}`);
  } else {
    const c = r.minimal!;
    io.out(`cgsim fuzz: ${variant.name}: case ${r.numRuns} failed (seed ${r.seed})`);
    io.out('');
    for (const line of describeCounterexample(c, prog)) io.out(line);
    io.out('');
    io.out(`first failing case:   ${formatSize(r.first!.size)}`);
    io.out(`shrunk by fast-check: ${formatSize(r.shrunk!.size)}`);
    io.out(`reduced by cgsim:     ${formatSize(c.size)}`);
    io.out(`fast-check: again with ${again} (seed and path of the shrunk case)`);
  }
  io.err(`cgsim: ${r.numRuns} case(s) in ${((io.now() - started) / 1000).toFixed(1)} s`);
  return r.failed ? 1 : 0;
}
