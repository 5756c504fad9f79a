import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { currentHeartbeat, HeartbeatWriter, installHeartbeat } from './heartbeat.js';
import { ModelCrash } from './crash.js';
import { Checkpoint } from './checkpoint.js';
import { exploreScenarioUntil } from './explore.js';
import { VariantLoadError } from './loadVariant.js';
import { NondeterminismError } from '../sim/nondeterminism.js';
import type { Job, JobError } from './parallel.js';
import { resolveVariant, scenarioNamed, UnknownNameError } from './resolve.js';
import { verifyScenarioUntil } from './verify.js';

/**
 * A worker thread of `--workers N`: takes one job (one scenario) at a time, answers with its result. Between two
 * executions it looks at the flag the main thread shares with every worker: once set (Ctrl-C), the job ends there
 * and answers with what it has, marked partial.
 */
async function run(job: Job, stop: Int32Array): Promise<{ result: unknown; partial: boolean }> {
  const variant = await resolveVariant(job.variant, job.cwd);
  const scenario = scenarioNamed(job.scenario);
  const checkpoint = new Checkpoint(
    () => performance.now(),
    () => Atomics.load(stop, 0) !== 0,
  );
  const done =
    job.kind === 'explore'
      ? await exploreScenarioUntil({ variant, scenarios: [], ...job.explore }, scenario, checkpoint)
      : await verifyScenarioUntil({ variant, scenario, ...job.verify, now: () => performance.now() }, checkpoint);
  return { result: done.result, partial: done.stopped };
}

function describe(e: unknown): JobError {
  if (e instanceof ModelCrash) return { kind: 'crash', message: e.message, replay: e.replay, userFrame: e.userFrame, inPatch: e.inPatch };
  if (e instanceof VariantLoadError) return { kind: 'variant', message: e.message };
  if (e instanceof UnknownNameError) return { kind: 'name', message: e.message };
  if (e instanceof NondeterminismError) return { kind: 'nondeterminism', message: e.message };
  return { kind: 'internal', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

parentPort!.on('message', (msg: { id: number; job: Job; stop: SharedArrayBuffer; heartbeat: { memory: SharedArrayBuffer; slot: number } | null }) => {
  // The command line's watchdog sees this thread's steps in its own slot (it ends the whole run on a hang).
  if (msg.heartbeat !== null && currentHeartbeat()?.slot !== msg.heartbeat.slot) installHeartbeat(new HeartbeatWriter(msg.heartbeat.memory, msg.heartbeat.slot));
  run(msg.job, new Int32Array(msg.stop)).then(
    ({ result, partial }) => parentPort!.postMessage({ id: msg.id, result, partial }),
    (e: unknown) => parentPort!.postMessage({ id: msg.id, error: describe(e) }),
  );
});
