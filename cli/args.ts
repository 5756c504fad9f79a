/** A command line that cannot be run: printed as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParsedArgs {
  readonly command: string | null;
  /** Every value given for each option, in order (`--schedule a --schedule b`). */
  readonly options: ReadonlyMap<string, readonly string[]>;
  readonly flags: ReadonlySet<string>;
}

/**
 * `cgsim <command> [--option value | --option=value | --flag]...`. Which options take a value and which are
 * flags is declared per command, so `--json` never swallows the next word and a missing value is an error.
 */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>, flags: ReadonlySet<string>): ParsedArgs {
  const options = new Map<string, string[]>();
  const seen = new Set<string>();
  let command: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      if (command !== null) throw new UsageError(`unexpected argument '${arg}'`);
      command = arg;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flags.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      seen.add(name);
      continue;
    }
    if (!valued.has(name)) throw new UsageError(`unknown option --${name}`);
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
    const list = options.get(name) ?? [];
    list.push(value);
    options.set(name, list);
  }
  return { command, options, flags: seen };
}

/** The single value of an option (the last one given), or `fallback`. */
export function optionValue(a: ParsedArgs, name: string, fallback: string): string;
export function optionValue(a: ParsedArgs, name: string): string | undefined;
export function optionValue(a: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = a.options.get(name);
  return v === undefined ? fallback : v[v.length - 1];
}

/** A positive integer option. */
export function intOption(a: ParsedArgs, name: string, fallback: number, min = 1): number {
  const raw = optionValue(a, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) throw new UsageError(`--${name} must be an integer >= ${min}, got '${raw}'`);
  return Number(raw);
}

/**
 * The output format of a command that takes `--format` and its shorthand `--json` (`--json` is `--format json`;
 * both, naming different formats, is a usage error): `--format` as given, else json with `--json`, else `fallback`.
 */
export function formatOption<F extends string>(a: ParsedArgs, formats: readonly F[], fallback: F): F {
  const given = optionValue(a, 'format');
  if (a.flags.has('json') && given !== undefined && given !== 'json') throw new UsageError(`--json and --format ${given} ask for two formats`);
  const f = a.flags.has('json') ? 'json' : (given ?? fallback);
  if (!(formats as readonly string[]).includes(f)) throw new UsageError(`unknown format '${f}' (formats: ${formats.join(', ')})`);
  return f as F;
}

/** The formats of explore, verify and fuzz: their text report, or their --json document. */
export const REPORT_FORMATS = ['text', 'json'] as const;
