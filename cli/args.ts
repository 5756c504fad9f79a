import { closest } from './closest.js';
import { GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './options.js';

/**
 * A command line that cannot be run: printed as one line, exit status 2. `helpFor` names the command whose
 * `--help` the line points to ('' for the overview), when the line itself does not say what to type instead.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly helpFor: string | null = null,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly spec: CommandSpec;
  /** Every value given for each option, in order (`--schedule a --schedule b`), each checked against its spec. */
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
  /** The words of a command that takes some (merge's files). */
  readonly operands: readonly string[];
  /** Every word that is neither an option nor a value, taken or not (what `cgsim --help explore` asks about). */
  readonly words: readonly string[];
  /** `--help` or `--version` was given: the command line is not run, and nothing else on it is an error. */
  readonly asked: 'help' | 'version' | null;
}

/** What the parser may say besides the table: a better guess at a stray word, and the other commands' options. */
export interface ParseContext {
  /** What a word the command does not take probably meant ("did you mean --scenario close-vs-rmdir?"), or null. */
  readonly strayHint?: (word: string, spec: CommandSpec) => string | null;
  readonly others?: readonly CommandSpec[];
}

/**
 * `cgsim <command> [--option value | --option=value | --flag]... [operand]...`, by the command's table
 * (options.ts) and the global options. Which options take a value is declared, so `--json` never swallows the
 * next word and a missing value is an error; a value is checked against its range, choices or check; an option
 * is given once unless repeatable. The first problem is thrown after the whole line is read, unless `--help` or
 * `--version` was asked for: those are answered whatever else the line holds.
 */
export function parseArgs(argv: readonly string[], spec: CommandSpec, context: ParseContext = {}): ParsedArgs {
  const table = [...spec.options, ...GLOBAL_OPTIONS];
  const byName = new Map(table.map((o) => [o.name, o]));
  const options = new Map<string, string[]>();
  const flags = new Set<string>();
  const operands: string[] = [];
  const words: string[] = [];
  // The first problem of the line (a closure assigns it, so it is held in an object the compiler does not narrow).
  const first: { problem: UsageError | null } = { problem: null };
  const fail = (message: string, helpFor: string | null = spec.name): void => {
    first.problem ??= new UsageError(message, helpFor);
  };
  let lastFlag: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const previousFlag = lastFlag;
    lastFlag = null;
    if (arg === '-' || !arg.startsWith('-')) {
      words.push(arg);
      if (spec.operands !== undefined) operands.push(arg);
      else strayWord(arg, previousFlag, spec, context, fail);
      continue;
    }
    const o = optionOf(arg, table, byName);
    if (o === null) {
      unknownOption(arg, spec, table, context, fail);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    if (o.value === undefined) {
      if (eq >= 0) fail(`--${o.name} takes no value`);
      else if (flags.has(o.name)) fail(`--${o.name} is given twice; give it once`);
      flags.add(o.name);
      lastFlag = o.name;
      continue;
    }
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : argv[i + 1];
    if (eq < 0 && value !== undefined && !value.startsWith('--')) i++;
    else if (eq < 0) value = undefined;
    if (value === undefined || value === '') {
      fail(`--${o.name} needs a value (${o.value})`, null);
      continue;
    }
    const list = options.get(o.name) ?? [];
    if (list.length > 0 && o.repeatable !== true) fail(`--${o.name} is given twice ('${list[0]}' and '${value}'); give it once`, null);
    const bad = valueProblem(o, value);
    if (bad !== null) fail(bad, null);
    list.push(value);
    options.set(o.name, list);
  }
  const asked = flags.has('help') ? 'help' : flags.has('version') ? 'version' : null;
  if (first.problem !== null && asked === null) throw first.problem;
  return { spec, options, flags, operands, words, asked };
}

/** The option an argument names (`--runs`, `--runs=5`, `-h`), or null. */
function optionOf(arg: string, table: readonly OptionSpec[], byName: ReadonlyMap<string, OptionSpec>): OptionSpec | null {
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    return byName.get(eq >= 0 ? arg.slice(2, eq) : arg.slice(2)) ?? null;
  }
  return table.find((o) => o.short !== undefined && arg === `-${o.short}`) ?? null;
}

function unknownOption(arg: string, spec: CommandSpec, table: readonly OptionSpec[], context: ParseContext, fail: (m: string, h?: string | null) => void): void {
  const name = arg.replace(/^--?/, '').replace(/=.*$/, '');
  const shown = arg.replace(/=.*$/, '');
  const near = closest(name, table.map((o) => o.name));
  if (near !== null) return fail(`unknown option ${shown} (did you mean --${near}?)`, null);
  const elsewhere = (context.others ?? []).filter((c) => c.name !== spec.name && c.options.some((o) => o.name === name)).map((c) => c.name);
  if (elsewhere.length > 0) return fail(`unknown option ${shown}: an option of ${elsewhere.join(' and ')}, not of ${spec.name}`);
  fail(`unknown option ${shown}`);
}

function strayWord(word: string, previousFlag: string | null, spec: CommandSpec, context: ParseContext, fail: (m: string, h?: string | null) => void): void {
  const hint = context.strayHint?.(word, spec) ?? null;
  if (hint !== null) return fail(`unexpected argument '${word}' (${hint})`, null);
  if (previousFlag !== null) return fail(`unexpected argument '${word}' (--${previousFlag} takes no value)`, null);
  fail(`unexpected argument '${word}': ${spec.name} takes options only`);
}

/** What is wrong with an option's value, by its spec, or null. */
export function valueProblem(o: OptionSpec, value: string): string | null {
  if (o.range !== undefined) {
    const { min, max } = o.range;
    const n = Number(value);
    if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) return `--${o.name} must be an integer from ${min} to ${max}, got '${value}'`;
  }
  if (o.choices !== undefined && !o.choices.includes(value)) {
    const near = closest(value, o.choices);
    return `--${o.name} must be one of ${o.choices.join(', ')}, got '${value}'${near !== null ? ` (did you mean ${near}?)` : ''}`;
  }
  return o.check?.(value) ?? null;
}

function specOf(a: ParsedArgs, name: string): OptionSpec {
  const o = a.spec.options.find((x) => x.name === name) ?? GLOBAL_OPTIONS.find((x) => x.name === name);
  if (o === undefined) throw new Error(`cgsim ${a.spec.name} has no option --${name} in its table`);
  return o;
}

/** The value given for an option (the only one, or the last of a repeatable one), else `fallback`. */
export function optionValue(a: ParsedArgs, name: string, fallback: string): string;
export function optionValue(a: ParsedArgs, name: string): string | undefined;
export function optionValue(a: ParsedArgs, name: string, fallback?: string): string | undefined {
  specOf(a, name);
  const v = a.options.get(name);
  return v === undefined ? fallback : v[v.length - 1];
}

/** The value given, else the table's default (which help prints). */
export function valueOf(a: ParsedArgs, name: string): string {
  const o = specOf(a, name);
  const v = optionValue(a, name) ?? (o.default !== undefined ? String(o.default) : undefined);
  if (v === undefined) throw new Error(`--${name} of cgsim ${a.spec.name} has no default`);
  return v;
}

/** An integer option's value (its range checked by the parser), else its default in the table. */
export function intOption(a: ParsedArgs, name: string): number {
  const o = specOf(a, name);
  if (o.range === undefined) throw new Error(`--${name} of cgsim ${a.spec.name} is not an integer option`);
  return Number(valueOf(a, name));
}

/** An integer option's value when given, else undefined (an option whose absence means something of its own). */
export function givenInt(a: ParsedArgs, name: string): number | undefined {
  return a.options.has(name) ? intOption(a, name) : undefined;
}

/** Whether an option or a flag was given. */
export function given(a: ParsedArgs, name: string): boolean {
  specOf(a, name);
  return a.options.has(name) || a.flags.has(name);
}

/**
 * The output format of a command that takes `--format` and its shorthand `--json` (`--json` is `--format json`;
 * both, naming different formats, is a usage error): `--format` as given, else json with `--json`, else the
 * table's default. The parser has checked the choice.
 */
export function formatOption<F extends string>(a: ParsedArgs): F {
  const given = optionValue(a, 'format');
  if (a.flags.has('json') && given !== undefined && given !== 'json') throw new UsageError(`--json and --format ${given} ask for two formats`);
  return (a.flags.has('json') ? 'json' : valueOf(a, 'format')) as F;
}

/** The formats of explore, verify and fuzz: their text report, or their --json document. */
export const REPORT_FORMATS = ['text', 'json'] as const;
