import { Worker } from 'node:worker_threads';
import { currentHeartbeat, heartbeatSlots } from './heartbeat.js';
import { ModelCrash } from './crash.js';
import type { ExploreRequest } from './explore.js';
import { VariantLoadError } from './loadVariant.js';
import { NondeterminismError } from '../sim/nondeterminism.js';
import { UnknownNameError } from './resolve.js';
import type { VerifyRequest } from './verify.js';

/**
 * `--workers N`: the scenarios of one exploration or verification, one job each, spread over N worker threads.
 * A job's result does not depend on which worker ran it nor on what else ran, so results are put back in the
 * scenarios' order and merged exactly as a single thread would: the same bugs, witnesses and counts whatever N.
 */
export type Job =
  | { readonly kind: 'explore'; readonly variant: string; readonly cwd: string; readonly scenario: string; readonly explore: Omit<ExploreRequest, 'variant' | 'scenarios' | 'onRun'> }
  | { readonly kind: 'verify'; readonly variant: string; readonly cwd: string; readonly scenario: string; readonly verify: Omit<VerifyRequest, 'variant' | 'scenario' | 'now' | 'onExecution'> };

/** What a worker sends back instead of a result: enough to raise the same error here. */
export type JobError =
  | { readonly kind: 'crash'; readonly message: string; readonly replay: string; readonly userFrame: string | null; readonly inPatch: boolean }
  | { readonly kind: 'variant' | 'name' | 'nondeterminism' | 'internal'; readonly message: string };

function raise(e: JobError): never {
  if (e.kind === 'crash') throw new ModelCrash(e.message, e.replay, e.userFrame, e.inPatch);
  if (e.kind === 'variant') throw new VariantLoadError(e.message);
  if (e.kind === 'name') throw new UnknownNameError(e.message);
  // The message already says it: rebuilt as the same error, not wrapped twice.
  if (e.kind === 'nondeterminism') throw Object.assign(new NondeterminismError(''), { message: e.message });
  throw new Error(`a worker failed: ${e.message}`);
}

/** How the caller watches a pool of workers: each result as it comes, a tick now and then, and whether to stop. */
export interface PoolControl {
  readonly onResult?: (index: number, result: unknown) => void;
  /** Every POLL_MS while the pool works (for a progress line). */
  readonly onTick?: () => void;
  /**
   * Polled every POLL_MS: when true, every worker ends its job after the execution it is running and answers with
   * what it has (partial); jobs not started are left out.
   */
  readonly stopRequested?: () => boolean;
}

/** Worker i's slot of this thread's heartbeat memory, when the command line watches it and there is room. */
function heartbeatOf(worker: number): { memory: SharedArrayBuffer; slot: number } | null {
  const mine = currentHeartbeat();
  if (mine === null) return null;
  const slot = mine.slot + 1 + worker;
  return slot < heartbeatSlots(mine.memory) ? { memory: mine.memory, slot } : null;
}

/** How often the main thread, idle while the workers work, looks at the stop request and redraws progress. */
const POLL_MS = 100;

/**
 * Runs the jobs on `workers` threads. `results[i]` is job i's result; when stopped (control.stopRequested),
 * the workers are told through a flag they share with this thread, jobs running end after their current
 * execution with a partial result (`partial[i]`), and jobs not started have no result (undefined).
 */
export async function runJobsUntil(
  jobs: readonly Job[],
  workers: number,
  control: PoolControl = {},
): Promise<{ results: (unknown | undefined)[]; partial: boolean[]; stopped: boolean }> {
  const results: unknown[] = new Array(jobs.length);
  const partial: boolean[] = new Array<boolean>(jobs.length).fill(false);
  const stopFlag = new SharedArrayBuffer(4);
  let next = 0;
  let failure: JobError | null = null;
  let stopped = false;
  const pool = Array.from({ length: Math.min(workers, jobs.length) }, () => new Worker(new URL('./worker.js', import.meta.url)));
  const poll = setInterval(() => {
    control.onTick?.();
    if (!stopped && control.stopRequested?.() === true) {
      stopped = true;
      Atomics.store(new Int32Array(stopFlag), 0, 1);
    }
  }, POLL_MS);
  try {
    const done = Promise.all(
      pool.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (failure !== null || stopped || next >= jobs.length) {
                resolve();
                return;
              }
              const id = next++;
              w.postMessage({ id, job: jobs[id], stop: stopFlag, heartbeat: heartbeatOf(pool.indexOf(w)) });
            };
            w.on('message', (msg: { id: number; result?: unknown; partial?: boolean; error?: JobError }) => {
              if (msg.error !== undefined) failure ??= msg.error;
              else {
                results[msg.id] = msg.result;
                partial[msg.id] = msg.partial === true;
                control.onResult?.(msg.id, msg.result);
              }
              feed();
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
    // Stopped or not, every job handed out answers: a stopped one after the execution it was running.
    await done;
  } finally {
    clearInterval(poll);
    await Promise.all(pool.map((w) => w.terminate()));
  }
  if (failure !== null) raise(failure);
  return { results, partial, stopped };
}

export async function runJobs(jobs: readonly Job[], workers: number): Promise<unknown[]> {
  return (await runJobsUntil(jobs, workers)).results;
}
