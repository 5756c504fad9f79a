import { DEFAULT_WATCHDOG_SECONDS, watchdogProblem } from './watchdogOption.js';

/**
 * The options of cgsim's commands, as one table per command: the parser reads the command line by it (which
 * options take a value, the value's range or choices, the default) and `--help` prints it, so the two cannot
 * disagree (test/cli/help.test.ts holds them together).
 */
export interface OptionSpec {
  /** Without the dashes: `runs` for `--runs`. */
  readonly name: string;
  /** A one-letter alias (`-h`); only the global options have one. */
  readonly short?: string;
  /** The value's form in the help (`N`, `FILE`); absent for a flag. A choice's form is its choices. */
  readonly value?: string;
  /** An integer option: the values accepted, both ends included. */
  readonly range?: { readonly min: number; readonly max: number };
  /** An option with a fixed set of values. */
  readonly choices?: readonly string[];
  /** Any other check of a value: what is wrong with it (a message naming the option), or null. */
  readonly check?: (value: string) => string | null;
  /** What the command does without the option: the value it then uses, or how the help says it. */
  readonly default?: string | number;
  /** One line for the help. */
  readonly about: string;
  /** May be given more than once, each value kept (`--schedule A --schedule B`); any other option only once. */
  readonly repeatable?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  /** One line: what the command does (the overview's list of commands). */
  readonly summary: string;
  /** How it is called, when more than `cgsim NAME [options]` (required options, operands). */
  readonly synopsis?: string;
  /** Words the command takes besides options (merge's files); without, a word is an error. */
  readonly operands?: string;
  /** What the exit status says, beyond 2 for a usage error. */
  readonly exits: string;
  readonly options: readonly OptionSpec[];
}

/** A flag (no value). */
export function flag(name: string, about: string): OptionSpec {
  return { name, about };
}

/** An integer option: its range is checked by the parser and printed by the help. */
export function int(name: string, value: string, min: number, max: number, about: string, fallback?: number): OptionSpec {
  return { name, value, range: { min, max }, about, ...(fallback !== undefined ? { default: fallback } : {}) };
}

/** An option with a fixed set of values. */
export function choice(name: string, choices: readonly string[], about: string, fallback?: string): OptionSpec {
  return { name, value: choices.join('|'), choices, about, ...(fallback !== undefined ? { default: fallback } : {}) };
}

/** The most runs (per scenario) and executions a command is asked for: past it, a number is a typo. */
export const MAX_RUNS = 100_000_000;
/** The default step bound of an execution, and the highest one: a scenario's run takes hundreds of steps. */
export const DEFAULT_MAX_STEPS = 20_000;
export const MAX_STEPS = 1_000_000;

/** A seed is printed in replay commands: letters, digits and `._:-` pass every shell unquoted. */
const SEED = /^[A-Za-z0-9._:-]{1,64}$/;

export const SEED_OPTION: OptionSpec = {
  name: 'seed',
  value: 'S',
  default: '1',
  about: "the seed: run i uses a generator seeded with 'S/i'",
  check: (v) => (SEED.test(v) ? null : `--seed must be 1 to 64 letters, digits, '.', '_', ':' or '-', got '${v}'`),
};

export const MAX_STEPS_OPTION = int('max-steps', 'N', 1, MAX_STEPS, 'steps per execution before it is cut (a cut run explores nothing past it)', DEFAULT_MAX_STEPS);

export const OUT_OPTION: OptionSpec = { name: 'out', value: 'FILE', about: "write the report to FILE, whole or not at all (FILE's directory is checked before the run)" };

export const JSON_FLAG = flag('json', 'the same as --format json');

/** --help, --version and --watchdog: taken by every command (the watchdog is applied by the main thread, cli/supervisor.ts). */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'help', short: 'h', about: "print the command's usage (or, without a command, the overview) and run nothing" },
  { name: 'version', short: 'V', about: "print cgsim's version" },
  {
    name: 'watchdog',
    value: 'SECONDS',
    default: DEFAULT_WATCHDOG_SECONDS,
    check: watchdogProblem,
    about: 'how long model code may run without coming back to the scheduler before the run is ended as a hang',
  },
];
