import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { HeartbeatWriter, installHeartbeat } from '../harness/heartbeat.js';
import { onUserModule } from '../harness/userModules.js';
import type { StopSignal } from './interrupt.js';
import { main } from './main.js';
import type { WorkerStart, FromWorker } from './supervisor.js';

/**
 * The command, run in a worker thread so that the process's main thread (cli/supervisor.ts) stays free to
 * answer signals and to end a step that never comes back. Every line goes to the main thread in order; the
 * stop flag the main thread sets on SIGINT or SIGTERM is this command's stop signal.
 */
const start = workerData as WorkerStart;
const post = (m: FromWorker): void => parentPort!.postMessage(m);
const stop = new Int32Array(start.stop);
const SIGNALS: readonly (StopSignal | null)[] = [null, 'SIGINT', 'SIGTERM'];

installHeartbeat(new HeartbeatWriter(start.heartbeat, 0));
// cgsim's own modules are loaded: from here on the stop flag is looked at (the main thread's grace starts now).
post({ ready: true });
onUserModule((url, m) => post({ userModule: { url, spec: m.spec, lineMap: m.lineMap === null ? null : [...m.lineMap] } }));

const status = await main(start.argv, {
  out: (line) => post({ out: line }),
  err: (line) => post({ err: line }),
  now: () => performance.now(),
  prog: start.prog,
  cwd: start.cwd,
  ...(start.progress ? { progress: (line: string) => post({ progress: line }) } : {}),
  stopSignal: () => SIGNALS[Atomics.load(stop, 0)] ?? null,
});
post({ exit: status });
