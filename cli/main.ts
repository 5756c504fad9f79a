import { SEED_VARIANT } from '../model/variants/index.js';
import { performance } from 'node:perf_hooks';
import { ExecutionError } from '../sim/execution.js';
import { ScheduleSyntaxError } from '../sim/schedule.js';
import { NondeterminismError } from '../sim/nondeterminism.js';
import { UnknownNameError } from '../harness/resolve.js';
import { isCFrontRefusal } from '../cfront/cfrontError.js';
import { VariantLoadError } from '../harness/loadVariant.js';
import { ModelCrash } from '../harness/crash.js';
import { WorkloadError } from '../scenarios/workload/validate.js';
import { parseArgs, UsageError } from './args.js';
import { asInvoked, EXPLORE_FLAGS, EXPLORE_VALUED, exploreCommand, type Io } from './commands/explore.js';
import { COMPARE_FLAGS, COMPARE_VALUED, compareCommand } from './commands/compare.js';
import { listCommand } from './commands/list.js';
import { REPLAY_FLAGS, REPLAY_VALUED, replayCommandRun } from './commands/replay.js';
import { VERIFY_FLAGS, VERIFY_VALUED, verifyCommand } from './commands/verify.js';
import { MERGE_FLAGS, MERGE_VALUED, mergeCommand } from './commands/merge.js';
import { FUZZ_FLAGS, FUZZ_VALUED, fuzzCommand } from './commands/fuzz.js';
import { WriteError } from '../harness/atomicWrite.js';
import { PatchError } from '../report/patchText.js';
import { signalWatch } from './signals.js';
import { terminalSafe } from './terminalSafe.js';

const USAGE = [
  'usage: cgsim [list | explore | verify | fuzz | replay | compare | merge] [options]',
  `  cgsim                      explore the seed patch (${SEED_VARIANT}) over every scenario`,
  '  cgsim list                 variants and scenarios, one line each',
  `  cgsim explore [--variant ${SEED_VARIANT}|./my-patch.ts] [--scenario NAME|all] [--runs N] [--seed S] [--strategy portfolio|random|pct|dfs|bounded] [--depth D] [--preemptions K] [--format text|json | --json] [--max-steps N] [--stop-at-first-bug] [--out FILE]`,
  `  cgsim verify [--variant ${SEED_VARIANT}] [--scenario NAME|all] [--preemptions K] [--max-executions N] [--max-steps N] [--format text|json | --json] [--out FILE]`,
  '               (explore and verify also take --workers N, and --shard i/n to run a share of the scenarios)',
  '               (explore, verify and fuzz: --out FILE writes the report to FILE whole; Ctrl-C stops and reports what was found)',
  `  cgsim fuzz [--variant ${SEED_VARIANT}] [--runs N] [--seed S] [--path P] [--workload W] [--bugs kind,...] [--max-tasks N] [--max-calls N] [--max-switches N] [--no-minimize] [--format text|json | --json] [--out FILE]`,
  '               generated workloads and schedules (fast-check); prints the shrunk counterexample and its replay',
  '  cgsim merge shard1.json shard2.json ... [--json]     the shards of one run (--shard i/n --json), put together',
  `  cgsim replay --variant ${SEED_VARIANT} --scenario NAME --schedule STRING [--schedule STRING]... [--format text|diagram|json|mermaid] [--report N] [--full]`,
  '               [--html FILE [--patch PATCH]] [--out FILE]   (text: every report as the kernel prints it; diagram: each report\'s race, CPU by CPU)',
  `  cgsim replay --variant ${SEED_VARIANT} --scenario NAME --seed S --run N`,
  '               (explore, verify, replay and compare take --workload FILE|TEXT instead of --scenario)',
  '  cgsim compare [--variants a,b,...] [--scenario NAME|all] [--runs N] [--seed S] [--format text|md|json]',
];

/** Runs the CLI (async only because a user-written variant module is imported); returns the exit status (0 clean, 1 bugs found, 2 usage error, 3 internal error, 4 verify: clean but not proven). */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const command = argv.find((x) => !x.startsWith('--')) ?? 'explore';
    switch (command) {
      case 'list':
        parseArgs(argv, new Set(), new Set());
        return listCommand(io.out);
      case 'explore':
        return await exploreCommand(parseArgs(argv.filter((x) => x !== 'explore'), EXPLORE_VALUED, EXPLORE_FLAGS), io);
      case 'replay':
        return await replayCommandRun(parseArgs(argv.filter((x) => x !== 'replay'), REPLAY_VALUED, REPLAY_FLAGS), io);
      case 'compare':
        return await compareCommand(parseArgs(argv.filter((x) => x !== 'compare'), COMPARE_VALUED, COMPARE_FLAGS), io);
      case 'fuzz':
        return await fuzzCommand(parseArgs(argv.filter((x) => x !== 'fuzz'), FUZZ_VALUED, FUZZ_FLAGS), io);
      case 'verify':
        return await verifyCommand(parseArgs(argv.filter((x) => x !== 'verify'), VERIFY_VALUED, VERIFY_FLAGS), io);
      case 'merge': {
        const rest = argv.slice(argv.indexOf('merge') + 1);
        const files = rest.filter((x) => !x.startsWith('--'));
        return mergeCommand(files, parseArgs(rest.filter((x) => x.startsWith('--')), MERGE_VALUED, MERGE_FLAGS), io);
      }
      case 'help':
        for (const l of USAGE) io.out(l);
        return 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof UnknownNameError || e instanceof ScheduleSyntaxError || e instanceof VariantLoadError || e instanceof WorkloadError || isCFrontRefusal(e)) {
      io.err(`cgsim: ${e.message}`);
      if (e instanceof UsageError) io.err(USAGE[0]!);
      return 2;
    }
    if (e instanceof ModelCrash) {
      io.err(`cgsim: ${e.message}`);
      io.err(`cgsim: replay: ${asInvoked(io, e.replay)}`);
      return e.userFrame !== null ? 2 : 3;
    }
    if (e instanceof WriteError || e instanceof PatchError) {
      io.err(`cgsim: ${e.message}`);
      return 2;
    }
    if (e instanceof ExecutionError && e.cause === undefined) {
      io.err(`cgsim: ${e.message}`);
      return 2;
    }
    if (e instanceof NondeterminismError) {
      // A replay check (the search's, or a witness's before it is printed): the same schedule did not give the same steps.
      io.err(`cgsim: ${e.message}; a variant must depend on nothing but the schedule (no state kept between runs, no clock, no random source)`);
      return 2;
    }
    if (e instanceof ExecutionError) {
      io.err(`cgsim: internal error: ${e.message}`);
      io.err(`cgsim: the execution so far: ${e.schedule}`);
      return 3;
    }
    throw e;
  }
}

/**
 * Standard streams; `prog` is how the user ran cgsim, so that printed replay commands work as printed. A
 * progress line only on a terminal (carriage return, erase to the end of the line), never on a pipe or a file;
 * SIGINT and SIGTERM ask a long run to stop (signals.ts).
 */
export function processIo(prog: string): Io {
  return {
    out: (line) => process.stdout.write(`${terminalSafe(line)}\n`),
    err: (line) => process.stderr.write(`${terminalSafe(line)}\n`),
    now: () => performance.now(),
    prog,
    cwd: process.cwd(),
    // Cut to the terminal's width: a line that wraps cannot be redrawn in place.
    ...(process.stderr.isTTY ? { progress: (line: string) => process.stderr.write(`\r${line.slice(0, Math.max(0, (process.stderr.columns || 80) - 1))}\x1b[K`) } : {}),
    stopSignal: signalWatch(),
  };
}
