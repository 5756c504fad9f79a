import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The checkout (where bin/cgsim.js is). */
export const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface BinRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
  /** Wall time from the start to the exit, in ms. */
  readonly ms: number;
}

/**
 * Runs the real command (bin/cgsim.js, its worker and its watchdog) in `cwd`; `signal` is sent after
 * `signalAfterMs`. For what only a process shows: signals, hangs, the main thread's answers.
 */
export function runBin(cwd: string, argv: readonly string[], signal?: { name: NodeJS.Signals; afterMs: number }): Promise<BinRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [`${root}bin/cgsim.js`, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  if (signal !== undefined) setTimeout(() => child.kill(signal.name), signal.afterMs);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err, ms: performance.now() - started })));
}
