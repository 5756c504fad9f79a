import fc from 'fast-check';
import { workloadArbitrary } from '../../property/arbitraries.js';
import { parseWorkload } from '../../scenarios/workload/text.js';
import type { Task, Workload } from '../../scenarios/workload/workload.js';

const OPEN = 'e0 = eventfd; cA = open /A/memory.usage_in_bytes; wA = open-w /A/cgroup.event_control';
const REGISTERED = `${OPEN}; write wA "$e0 $cA 4096"; close cA; close wA`;

/**
 * The shipped concurrent scenarios, as workloads (one process, so the tasks share the fd table), with the
 * handle names generated workloads use, so that generated noise interacts with them.
 */
export const FIXTURES: Readonly<Record<string, string>> = {
  'register-vs-rmdir': `cgroups /A | setup: ${OPEN} | task register: write wA "$e0 $cA 4096"; close cA; close wA | task rmdir: rmdir /A`,
  'close-vs-rmdir': `cgroups /A | setup: ${REGISTERED} | task close: close e0 | task rmdir: rmdir /A`,
  'register-vs-close': `cgroups /A | setup: ${OPEN} | task register: write wA "$e0 $cA 4096"; close cA; close wA | task close: close e0`,
  'register-close-rmdir': `cgroups /A | setup: ${OPEN} | task register: write wA "$e0 $cA 4096"; close cA; close wA | task close: close e0 | task rmdir: rmdir /A`,
  'softirq-signal': `cgroups /A | setup: ${REGISTERED}; e1 = eventfd; cA = open /A/memory.usage_in_bytes; wA = open-w /A/cgroup.event_control; e2 = eventfd; a0 = aio e2 | task close: close e0 | task register: write wA "$e1 $cA 8192"; close cA; close wA | irq aio on register: complete a0`,
  'unregister-enomem': `cgroups /A | setup: ${REGISTERED}; e1 = eventfd; cA = open /A/memory.usage_in_bytes; wA = open-w /A/cgroup.event_control; write wA "$e1 $cA 8192"; close cA; close wA | task close cgroup=/A: close e0; charge 12288 | fault mem_cgroup_threshold_ary 3`,
  'rmdir-vs-attach': `cgroups /A | setup: ${REGISTERED} | task rmdir: rmdir /A | task attach: attach /A`,
  'one-eventfd-twice': `cgroups /A | setup: ${OPEN}; write wA "$e0 $cA 4096"; write wA "$e0 $cA 8192"; close cA; close wA | task close: close e0 | task charge cgroup=/A: charge 12288`,
  'rmdir-one-eventfd-twice': `cgroups /A | setup: ${OPEN}; write wA "$e0 $cA 4096"; write wA "$e0 $cA 4096"; close cA; close wA | task rmdir: rmdir /A`,
  'bad-write:no-args': `cgroups /A | setup: ${OPEN} | task write: write wA "$e0 $cA"`,
  'bad-write:other-hierarchy': `cgroups /A sched:/C | setup: ${OPEN}; wS = open-w sched:/C/cgroup.event_control | task write: write wS "$e0 $cA 4096"`,
};

export const fixture = (name: string): Workload => parseWorkload(FIXTURES[name]!);

/**
 * A fixture with generated noise: up to two more tasks, each a few generated calls over the same handles, for
 * shrinking to take away again.
 */
export function withNoise(w: Workload): fc.Arbitrary<Workload> {
  const extra = workloadArbitrary({ maxTasks: 1, maxCgroups: 1, maxEventfds: 1, softirq: false, faults: false }).map((g) => g.tasks[0]!);
  return fc.array(extra, { maxLength: 2 }).map((tasks): Workload => {
    const noise: Task[] = tasks.map((t, i) => ({ ...t, name: `noise${i + 1}` }));
    // Noise goes first, so that fast-check's shrinking removes it without renumbering the fixture's tasks.
    return { ...w, tasks: [...noise, ...w.tasks] };
  });
}
