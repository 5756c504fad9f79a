/** The watchdog's default: a step of the model takes microseconds, a user module's type check happens before. */
export const DEFAULT_WATCHDOG_SECONDS = 10;

export interface Watchdog {
  readonly ms: number;
  /** The command line without the option (every command takes it; the main thread applies it). */
  readonly rest: string[];
  readonly error: string | null;
}

/**
 * `--watchdog SECONDS` (or `--watchdog=SECONDS`): how long model code may run without coming back to the
 * scheduler before the run is ended as a hang. Taken out of the command line by the main thread, which watches.
 */
export function takeWatchdog(argv: readonly string[]): Watchdog {
  const rest: string[] = [];
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--watchdog') {
      raw = argv[++i] ?? '';
      continue;
    }
    if (a.startsWith('--watchdog=')) {
      raw = a.slice('--watchdog='.length);
      continue;
    }
    rest.push(a);
  }
  if (raw === undefined) return { ms: DEFAULT_WATCHDOG_SECONDS * 1000, rest, error: null };
  const error = watchdogProblem(raw);
  return error !== null ? { ms: 0, rest, error } : { ms: Number(raw) * 1000, rest, error: null };
}

/** What is wrong with a value of --watchdog, or null (the parser of every command checks it the same way). */
export function watchdogProblem(raw: string): string | null {
  const s = Number(raw);
  return /^\d+(\.\d+)?$/.test(raw) && s > 0 && s <= 86_400 ? null : `--watchdog must be a number of seconds > 0 (at most 86400), got '${raw}'`;
}
