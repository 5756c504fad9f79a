import { main } from '../../cli/main.js';
import type { Io } from '../../cli/commands/explore.js';

export interface CliResult {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

/** Runs the CLI in-process with captured streams, a clock that stands still, and `cwd` for module paths. */
export async function cli(...argv: string[]): Promise<CliResult> {
  return cliIn(undefined, ...argv);
}

export async function cliIn(cwd: string | undefined, ...argv: string[]): Promise<CliResult> {
  return cliWith(cwd !== undefined ? { cwd } : {}, ...argv);
}

/** The same, with some of the Io given (a clock that moves, a progress line, a stop signal). */
export async function cliWith(given: Partial<Io>, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), now: () => 0, ...given };
  return { code: await main(argv, io), out, err };
}
