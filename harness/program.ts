import type { Actor, ActorSpec } from '../sim/actor.js';
import type { ProgramFactory, SimHost } from '../sim/execution.js';
import { boot } from '../model/boot.js';
import { Cpu, type ContextKind } from '../model/context.js';
import { Kernel } from '../model/kernel.js';
import { Probes, type CheckContext, type Checker } from '../model/probes.js';
import type { Variant } from '../model/variant.js';
import { worker_thread } from '../model/workqueue.js';
import type { Scenario } from '../scenarios/scenario.js';
import { Userspace } from '../scenarios/userspace.js';
import { FatalFinding } from '../sim/finding.js';
import { stepName } from '../checkers/describe.js';

/**
 * Builds one execution of `scenario` on `variant`: boots a kernel, hands the checkers a fresh run context, and
 * lays out the actors: setup alone, then the scenario's actors and the kworkers, then the teardown.
 */
export function programFor(variant: Variant, scenario: Scenario, checkers: readonly Checker[], run: number): ProgramFactory {
  return (host: SimHost) => {
    const probes = new Probes(checkers);
    const k = new Kernel(host, probes, variant);
    const ctx: CheckContext = {
      host,
      run,
      facts: k.facts,
      cpuOf: (a: Actor) => a.local as Cpu,
      report: (r) => host.report({ ...r, details: host.tracing ? r.details() : [], step: -1, actor: '' }),
      oops: (r) => {
        throw new FatalFinding({ ...r, details: host.tracing ? r.details() : [], step: -1, actor: '' });
      },
      where: () => `${host.current.name} (${stepName(host.step)})`,
      stack: () => k.stack(),
    };
    for (const c of checkers) c.beginRun?.(ctx);
    boot(k);
    const u = new Userspace(k);
    const plan = scenario.plan(u);
    k.faults = plan.faults ?? [];

    const contexts = new Map<string, ContextKind>();
    const names = plan.actors.map((a) => a.name);
    const actors: ActorSpec[] = [{ name: 'setup', body: plan.setup }];
    for (const a of plan.actors) {
      if (a.interrupts !== undefined) contexts.set(a.name, a.context ?? 'softirq');
      actors.push({ name: a.name, body: a.body, after: ['setup', ...(a.after ?? [])], ...(a.interrupts !== undefined ? { interrupts: a.interrupts } : {}) });
    }
    for (let i = 0; i < (plan.kworkers ?? 1); i++) actors.push({ name: `kworker/${i}`, body: () => worker_thread(k), daemon: true, prime: true });
    actors.push({ name: 'teardown', body: () => u.teardown(), after: names });
    return {
      actors,
      init: (a: Actor) => {
        const cpu = new Cpu(a, contexts.get(a.name) ?? 'process');
        a.local = cpu;
        cpu.sync();
      },
      stuck: (blocked) => probes.stuck(blocked),
      finished: () => probes.finished(),
    };
  };
}
