import { allCheckers } from '../../checkers/index.js';
import { boot } from '../../model/boot.js';
import { Cpu, type ContextKind } from '../../model/context.js';
import { Kernel, type FaultSpec, type KGen } from '../../model/kernel.js';
import { Probes, type CheckContext, type Checker } from '../../model/probes.js';
import { v4 } from '../../model/variants/v4/index.js';
import type { Variant } from '../../model/variant.js';
import { worker_thread } from '../../model/workqueue.js';
import type { Actor, ActorSpec } from '../../sim/actor.js';
import { Execution, type Outcome } from '../../sim/execution.js';
import { FatalFinding } from '../../sim/finding.js';
import { ReplayStrategy } from '../../sim/strategy/replay.js';
import type { Strategy } from '../../sim/strategy/strategy.js';

/** Always the runnable actor with the lowest id: actors run one after another, in the order given. */
export class InOrderStrategy implements Strategy {
  readonly name = 'in-order';
  pick(runnable: ArrayLike<number>): number {
    return runnable[0]!;
  }
}

/** An actor of a unit test: a body over the booted kernel, and optionally its context and ordering. */
export interface TestActor {
  readonly name: string;
  readonly body: (k: Kernel) => KGen<unknown>;
  readonly context?: ContextKind;
  readonly after?: readonly string[];
  readonly interrupts?: string;
}

export interface KernelRun {
  readonly outcome: Outcome;
  readonly k: Kernel;
  readonly kinds: string[];
}

/**
 * Boots a kernel (the v4 variant unless told otherwise) and runs `actors` on it, plus `kworkers` kworkers,
 * under `strategy` (in order by default; an array is a schedule of actor ids). Every checker is on unless
 * `checkers` says otherwise. For unit tests of the model and the checkers, below the scenario layer.
 */
export function runKernel(opts: {
  actors: readonly TestActor[];
  strategy?: Strategy | number[];
  checkers?: readonly Checker[];
  variant?: Variant;
  kworkers?: number;
  faults?: readonly FaultSpec[];
  tracing?: boolean;
  maxSteps?: number;
}): KernelRun {
  const checkers = opts.checkers ?? allCheckers();
  let kernel!: Kernel;
  const strategy = Array.isArray(opts.strategy) ? new ReplayStrategy(opts.strategy) : (opts.strategy ?? new InOrderStrategy());
  const exec = new Execution(
    (host) => {
      const probes = new Probes(checkers);
      const k = new Kernel(host, probes, opts.variant ?? v4, opts.faults ?? []);
      kernel = k;
      const ctx: CheckContext = {
        host,
        run: 0,
        facts: k.facts,
        cpuOf: (a: Actor) => a.local as Cpu,
        report: (r) => host.report({ ...r, details: r.details(), step: -1, actor: '' }),
        oops: (r) => {
          throw new FatalFinding({ ...r, details: r.details(), step: -1, actor: '' });
        },
        where: () => `${host.current.name} (step ${host.step + 1})`,
        stack: () => k.stack(),
      };
      for (const c of checkers) c.beginRun?.(ctx);
      boot(k);
      const contexts = new Map(opts.actors.map((a) => [a.name, a.context ?? 'process'] as const));
      const specs: ActorSpec[] = opts.actors.map((a) => ({
        name: a.name,
        body: () => a.body(k),
        ...(a.after !== undefined ? { after: a.after } : {}),
        ...(a.interrupts !== undefined ? { interrupts: a.interrupts } : {}),
      }));
      for (let i = 0; i < (opts.kworkers ?? 0); i++) specs.push({ name: `kworker/${i}`, body: () => worker_thread(k), daemon: true, prime: true });
      return {
        actors: specs,
        init: (a: Actor) => {
          const cpu = new Cpu(a, contexts.get(a.name) ?? 'process');
          a.local = cpu;
          cpu.sync();
        },
        stuck: (blocked) => probes.stuck(blocked),
        finished: () => probes.finished(),
      };
    },
    strategy,
    { tracing: opts.tracing ?? true, ...(opts.maxSteps !== undefined ? { maxSteps: opts.maxSteps } : {}) },
  );
  const outcome = exec.run();
  return { outcome, k: kernel, kinds: outcome.findings.map((f) => f.kind) };
}
