import { performance } from 'node:perf_hooks';
import { ExecutionError } from '../sim/execution.js';
import { ScheduleSyntaxError } from '../sim/schedule.js';
import { NondeterminismError } from '../sim/nondeterminism.js';
import { UnknownNameError } from '../harness/resolve.js';
import { VariantLoadError } from '../harness/loadVariant.js';
import { ModelCrash } from '../harness/crash.js';
import { WorkloadError } from '../scenarios/workload/validate.js';
import { parseArgs, UsageError, type ParseContext } from './args.js';
import { asInvoked, type Io } from './commands/explore.js';
import { WriteError } from '../harness/atomicWrite.js';
import { PatchError } from '../report/patchText.js';
import { signalWatch } from './signals.js';
import { terminalSafe } from './terminalSafe.js';
import { isCFrontRefusal } from '../cfront/cfrontError.js';
import { commandNamed, DEFAULT_COMMAND, SPECS } from './commandTable.js';
import { closest } from './closest.js';
import { commandHelp, overview } from './help.js';
import type { CommandSpec } from './options.js';
import { strayHint } from './strayWord.js';
import { cgsimVersion } from './version.js';

const NAMES = SPECS.map((c) => c.name);
const CONTEXT: ParseContext = { others: SPECS, strayHint: (word, spec) => strayHint(word, spec, NAMES) };

/** `cgsim help [COMMAND]`: one word at most, a command's name. */
const HELP_COMMAND: CommandSpec = { name: 'help', summary: 'the usage of a command', operands: 'COMMAND', exits: '0', options: [] };

/**
 * Runs the CLI (async only because a user-written variant module is imported); returns the exit status (0 clean,
 * 1 bugs found, 2 usage error, 3 internal error, 4 not proven or not explored).
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      const help = e.helpFor === null ? '' : ` (see ${asInvoked(io, e.helpFor === '' ? 'cgsim --help' : `cgsim ${e.helpFor} --help`)})`;
      io.err(`cgsim: ${e.message}${help}`);
      return 2;
    }
    if (e instanceof UnknownNameError || e instanceof ScheduleSyntaxError || e instanceof VariantLoadError || e instanceof WorkloadError || isCFrontRefusal(e)) {
      io.err(`cgsim: ${e.message}`);
      return 2;
    }
    if (e instanceof ModelCrash) {
      // A patch's C error says everything on its one line (with the replay); a module's throw gets a second.
      io.err(`cgsim: ${e.inPatch ? e.message.replace(e.replay, asInvoked(io, e.replay)) : e.message}`);
      if (!e.inPatch) io.err(`cgsim: replay: ${asInvoked(io, e.replay)}`);
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
 * The command word first (without one, explore), then its options by its table. `--help` and `--version` are
 * answered wherever they stand, before anything runs.
 */
async function dispatch(argv: readonly string[], io: Io): Promise<number> {
  const prog = asInvoked(io, 'cgsim ').trimEnd();
  const first = argv[0];
  // `cgsim --help explore` asks what `cgsim help explore` does.
  if ((first === '--help' || first === '-h') && argv.length === 2 && !argv[1]!.startsWith('-')) return help(argv.slice(1), io, prog);
  const named = first !== undefined && !first.startsWith('-');
  const name = named ? first : DEFAULT_COMMAND;
  const rest = named ? argv.slice(1) : argv;
  if (name === 'help') return help(rest, io, prog);
  const command = commandNamed(name);
  if (command === undefined) throw unknownCommand(name);
  const a = parseArgs(rest, command.spec, CONTEXT);
  if (a.asked === 'version') io.out(`cgsim ${cgsimVersion()}`);
  else if (a.asked === 'help') for (const line of named ? commandHelp(command.spec, prog) : overview(SPECS, prog, cgsimVersion())) io.out(line);
  if (a.asked !== null) return 0;
  return await command.run(a, io);
}

/** `cgsim help [COMMAND]`: the overview, or that command's usage. */
function help(rest: readonly string[], io: Io, prog: string): number {
  const a = parseArgs(rest, HELP_COMMAND, CONTEXT);
  if (a.asked === 'version') {
    io.out(`cgsim ${cgsimVersion()}`);
    return 0;
  }
  if (a.operands.length > 1) throw new UsageError(`help takes one command, got ${a.operands.length}: ${a.operands.join(' ')}`, '');
  const topic = a.operands[0];
  if (topic === undefined || topic === 'help') {
    for (const line of overview(SPECS, prog, cgsimVersion())) io.out(line);
    return 0;
  }
  const command = commandNamed(topic);
  if (command === undefined) throw unknownCommand(topic);
  for (const line of commandHelp(command.spec, prog)) io.out(line);
  return 0;
}

/** An unknown command word: the command it is a typo of, or the option of explore it looks like a value of. */
function unknownCommand(name: string): UsageError {
  const near = closest(name, [...NAMES, 'help']);
  if (near !== null) return new UsageError(`unknown command '${name}' (did you mean ${near}?)`);
  const hint = strayHint(name, commandNamed(DEFAULT_COMMAND)!.spec, NAMES);
  if (hint !== null && hint.startsWith('did you mean --')) return new UsageError(`unknown command '${name}' (${hint.replace(/^did you mean /, `did you mean cgsim ${DEFAULT_COMMAND} `)})`);
  return new UsageError(`unknown command '${name}'`, '');
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
