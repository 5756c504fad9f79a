import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { ModelCrash } from './crash.js';
import { exploreScenario } from './explore.js';
import { VariantLoadError } from './loadVariant.js';
import type { Job, JobError } from './parallel.js';
import { resolveVariant, scenarioNamed, UnknownNameError } from './resolve.js';
import { verifyScenario } from './verify.js';

/** A worker thread of `--workers N`: takes one job (one scenario) at a time, answers with its result. */
async function run(job: Job): Promise<unknown> {
  const variant = await resolveVariant(job.variant, job.cwd);
  const scenario = scenarioNamed(job.scenario);
  if (job.kind === 'explore') return exploreScenario({ variant, scenarios: [], ...job.explore }, scenario);
  return verifyScenario({ variant, scenario, ...job.verify, now: () => performance.now() });
}

function describe(e: unknown): JobError {
  if (e instanceof ModelCrash) return { kind: 'crash', message: e.message, replay: e.replay, userFrame: e.userFrame };
  if (e instanceof VariantLoadError) return { kind: 'variant', message: e.message };
  if (e instanceof UnknownNameError) return { kind: 'name', message: e.message };
  return { kind: 'internal', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

parentPort!.on('message', (msg: { id: number; job: Job }) => {
  run(msg.job).then(
    (result) => parentPort!.postMessage({ id: msg.id, result }),
    (e: unknown) => parentPort!.postMessage({ id: msg.id, error: describe(e) }),
  );
});
