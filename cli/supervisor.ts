import { Worker } from 'node:worker_threads';
import { heartbeatMemory, readHeartbeat, type HeartbeatState } from '../harness/heartbeat.js';
import { replayCommand } from '../harness/replayCommand.js';
import { registerUserModule } from '../harness/userModules.js';
import { encodeSchedule } from '../sim/schedule.js';
import { pausedFrame } from './pausedFrame.js';
import { terminalSafe } from './terminalSafe.js';
import { takeWatchdog } from './watchdogOption.js';
import { MAX_WORKERS } from './distribute.js';

/** What the main thread gives the command's worker (cli/cliWorker.ts). */
export interface WorkerStart {
  readonly argv: readonly string[];
  readonly prog: string;
  readonly cwd: string;
  readonly progress: boolean;
  readonly stop: SharedArrayBuffer;
  readonly heartbeat: SharedArrayBuffer;
}

/** What the worker sends: output lines in order, the user modules it loaded (to name their lines), its status. */
export type FromWorker =
  | { readonly out: string }
  | { readonly err: string }
  | { readonly progress: string }
  | { readonly userModule: { readonly url: string; readonly spec: string; readonly lineMap: number[] | null } }
  | { readonly ready: true }
  | { readonly exit: number };

/**
 * How long a stop request waits for the command to stop by itself before the worker is ended: a second when
 * model code is stuck in a step (its heartbeat has not moved); while the command is still working between steps
 * (it reports, replays its witnesses), up to STOP_CAP_MS, since a busy machine can slow that past a second.
 */
const GRACE_MS = 1000;
const STOP_CAP_MS = 5000;
const POLL_MS = 200;
const SIGNAL_STATUS = { SIGINT: 130, SIGTERM: 143 } as const;
export type Signal = keyof typeof SIGNAL_STATUS;

/**
 * Runs one cgsim command in a worker thread and watches it from this, the main thread, which never runs model
 * code and so always answers: SIGINT and SIGTERM ask the command to stop and report (it looks between
 * executions); if it has not ended a second later, or at a second signal, the worker is ended. A thread whose
 * model code has not come back to the scheduler for the watchdog's time (a module that loops without yielding)
 * is ended with one line naming the variant, the actor, the step and the function it was in, and the command
 * that replays it. Resolves to the exit status.
 */
export async function supervise(
  argvIn: readonly string[],
  prog: string,
  out: NodeJS.WriteStream,
  err: NodeJS.WriteStream,
  early: readonly Signal[] = [],
): Promise<number> {
  const watchdog = takeWatchdog(argvIn);
  if (watchdog.error !== null) {
    err.write(`cgsim: ${watchdog.error}\n`);
    return 2;
  }
  const argv = watchdog.rest;
  const heartbeat = heartbeatMemory(1 + workersAsked(argv));
  const stop = new SharedArrayBuffer(4);
  const start: WorkerStart = { argv, prog, cwd: process.cwd(), progress: err.isTTY === true, stop, heartbeat };
  const worker = new Worker(new URL('./cliWorker.js', import.meta.url), { workerData: start });
  const pause = pausedFrame(worker);
  return await new Promise<number>((resolve) => {
    let done = false;
    const finish = (status: number): void => {
      if (done) return;
      done = true;
      clearInterval(poll);
      for (const s of ['SIGINT', 'SIGTERM'] as const) process.removeListener(s, onSignal);
      pause.close();
      void worker.terminate().then(() => resolve(status));
    };
    worker.on('message', (m: FromWorker) => {
      if ('out' in m) out.write(`${terminalSafe(m.out)}\n`);
      else if ('err' in m) err.write(`${terminalSafe(m.err)}\n`);
      else if ('progress' in m) err.write(`\r${terminalSafe(m.progress).slice(0, Math.max(0, (err.columns || 80) - 1))}\x1b[K`);
      else if ('userModule' in m) registerUserModule(m.userModule.url, { spec: m.userModule.spec, lineMap: m.userModule.lineMap });
      else if ('ready' in m) readyAt = performance.now();
      else finish(m.exit);
    });
    worker.on('error', (e) => {
      err.write(`cgsim: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      finish(3);
    });
    worker.on('exit', (code) => finish(code === 0 ? 0 : 3));

    let asked: Signal | null = null;
    let askedAt = 0;
    // The grace counts from when the command can hear the request: while the worker still loads cgsim's own
    // code (which always ends; a slow machine can take seconds), it has not begun to look.
    let readyAt: number | null = null;
    const onSignal = (signal: Signal): void => {
      if (asked !== null) return forced(signal, 'at the second signal');
      asked = signal;
      askedAt = performance.now();
      Atomics.store(new Int32Array(stop), 0, signal === 'SIGINT' ? 1 : 2);
    };
    const forced = (signal: Signal, when: string): void => {
      err.write(`\ncgsim: interrupted (${signal}): the run was ended ${when}, before it could report; nothing it found is shown\n`);
      finish(SIGNAL_STATUS[signal]);
    };
    for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, onSignal);
    for (const s of early) onSignal(s);

    const seen = new Map<number, { counter: number; since: number }>();
    // For each heartbeat slot, how long its model code has been in one step without coming back (0 when it moved
    // since the last look, or is between steps): what both a stop request and the watchdog judge by.
    const stuckMs = (now: number): number[] => {
      const stuck: number[] = [];
      for (let slot = 0; slot < 1 + workersAsked(argv); slot++) {
        const h = readHeartbeat(heartbeat, slot);
        const last = seen.get(slot);
        if (last === undefined || last.counter !== h.counter || h.phase === 'idle') {
          seen.set(slot, { counter: h.counter, since: now });
          stuck.push(0);
        } else stuck.push(now - last.since);
      }
      return stuck;
    };
    let firing = false;
    const poll = setInterval(() => {
      const now = performance.now();
      const stuck = stuckMs(now);
      if (asked !== null && readyAt !== null) {
        const waited = now - Math.max(askedAt, readyAt);
        if (waited > STOP_CAP_MS) return forced(asked, `${STOP_CAP_MS / 1000} s after it was asked to stop`);
        if (waited > GRACE_MS && Math.max(...stuck) > GRACE_MS) return forced(asked, `${GRACE_MS / 1000} s after it was asked to stop`);
      }
      if (firing) return;
      const slot = stuck.findIndex((ms) => ms >= watchdog.ms);
      if (slot < 0) return;
      firing = true;
      void pause.where(slot === 0).then((frame) => {
        for (const line of hangLines(readHeartbeat(heartbeat, slot), frame, watchdog.ms, prog)) err.write(`${line}\n`);
        finish(2);
      });
    }, POLL_MS);
  });
}

/** `--workers N` of the command line (its slots of the heartbeat), 0 without; the command checks the value itself. */
function workersAsked(argv: readonly string[]): number {
  const i = argv.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (i < 0) return 0;
  const raw = argv[i]!.includes('=') ? argv[i]!.slice(argv[i]!.indexOf('=') + 1) : argv[i + 1];
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? Math.min(n, MAX_WORKERS) : 0;
}

/** The two lines of a hang: what did not come back, and the command that runs the same execution to it. */
export function hangLines(h: HeartbeatState, frame: string | null, ms: number, prog: string): string[] {
  const waited = `${ms / 1000} s`;
  const raise = '--watchdog SECONDS allows longer';
  if (h.phase === 'import') {
    return [`cgsim: variant '${h.variant}' did not finish loading in ${waited}: its top-level code${frame === null ? '' : `, in ${frame}`}, never returned; ended (${raise})`];
  }
  const where = frame !== null ? `in ${frame}` : h.after !== '' ? `in the code after ${h.after}` : 'at its start';
  const lines = [
    `cgsim: variant '${h.variant}' did not return to the scheduler in ${waited}: actor '${h.actor}' at step ${h.step + 1} of ${h.scenario}, ${where}; ended (${raise})`,
  ];
  if (h.schedule !== null && h.scenario !== '') {
    const cmd = replayCommand(h.variant, h.scenario, [encodeSchedule(h.schedule)]);
    lines.push(`cgsim: replay: ${prog === 'cgsim' ? cmd : cmd.replace(/^cgsim /, `${prog} `)}`);
  }
  return lines;
}
