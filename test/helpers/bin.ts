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
  /** Wall time from the signal to the exit, in ms (null: no signal was sent). */
  readonly sinceSignalMs: number | null;
}

/**
 * Runs the real command (bin/cgsim.js, its worker and its watchdog) in `cwd`; `signal` is sent after
 * `afterMs`, or when stderr matches `whenErr`. For what only a process shows: signals, hangs, the main thread's answers.
 */
export function runBin(cwd: string, argv: readonly string[], signal?: { name: NodeJS.Signals; afterMs?: number; whenErr?: RegExp }): Promise<BinRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [`${root}bin/cgsim.js`, ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  let sentAt: number | null = null;
  const send = (): void => {
    if (sentAt !== null || signal === undefined) return;
    sentAt = performance.now();
    child.kill(signal.name);
  };
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    // A line the run prints when it has got where the test wants it: a wait that holds however slow the machine is.
    if (signal?.whenErr?.test(err) === true) send();
  });
  if (signal?.afterMs !== undefined) setTimeout(send, signal.afterMs);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err, ms: performance.now() - started, sinceSignalMs: sentAt === null ? null : performance.now() - sentAt })));
}
