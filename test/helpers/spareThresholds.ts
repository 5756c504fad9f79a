import type { Kernel, KGen } from '../../model/kernel.js';
import { res_counter_add, type mem_cgroup } from '../../model/memcg/memcontrol.js';
import { __mem_cgroup_threshold } from '../../model/memcg/thresholdCheck.js';
import type { Strategy } from '../../sim/strategy/strategy.js';
import type { Cpu } from '../../model/context.js';
import { T } from './modelFixtures.js';
import { runKernel } from './kernelHarness.js';
import { allCheckers } from '../../checkers/index.js';
import type { Checker } from '../../model/probes.js';
import type { Variant } from '../../model/variant.js';
import { flush_scheduled_work } from '../../model/workqueue.js';
import { Userspace } from '../../scenarios/userspace.js';
import { openForRegistration } from '../../scenarios/common.js';

/** `eventfd@threshold` for every entry of an array, in array order; `none` for NULL. */
export function entriesOf(ary: mem_cgroup['thresholds']): string {
  return ary === null ? 'none' : ary.entries.map((e) => `${e.eventfd.name}@${e.threshold}`).join(' ');
}

/** The memcg's two arrays: which block each is, what the primary holds, and which blocks have been freed. */
export function arraysOf(memcg: mem_cgroup): string {
  const name = (a: mem_cgroup['thresholds']) => (a === null ? 'NULL' : `${a.name}${a.mem.freed ? ' (freed)' : ''}`);
  return `primary=${name(memcg.thresholds)} [${entriesOf(memcg.thresholds)}] spare=${name(memcg.spare)}`;
}

/**
 * A charge on another CPU whose threshold check runs while an unregister frees: the charge of `bytes` and then
 * __mem_cgroup_threshold(), as the charge path does. `cpu` records which CPU it is, for raceStrategy.
 */
export function* chargeAndCheck(k: Kernel, memcg: mem_cgroup, bytes: number, cpu: { cpu: Cpu | null }): KGen {
  cpu.cpu = k.cpu;
  yield* res_counter_add(k, memcg.res, BigInt(bytes), T);
  yield* __mem_cgroup_threshold(k, memcg);
}

/**
 * Actor 0 (the writer) runs until `ready()`; then actor 1 (the charge) until it is inside its read-side section
 * (it has read the array's pointer); from then on the writer whenever it can run, the charge otherwise.
 */
export function raceStrategy(ready: () => boolean, charge: { cpu: Cpu | null }): Strategy {
  let phase: 'writer' | 'charge' | 'race' = 'writer';
  return {
    name: 'writer-reader-race',
    pick(runnable: ArrayLike<number>, count: number): number {
      const ids = Array.from({ length: count }, (_, i) => runnable[i]!);
      if (phase === 'writer' && ready()) phase = 'charge';
      if (phase === 'charge' && (charge.cpu?.rcu_read_depth ?? 0) > 0) phase = 'race';
      const want = phase === 'charge' ? 1 : 0;
      return ids.includes(want) ? want : ids[0]!;
    },
  };
}

/**
 * Through the cgroup core of `variant`: /A gets three events on one eventfd (4k, 8k, 12k) and one on another
 * (16k); the shared eventfd is closed and its three removals run; then the teardown removes the last. Returns,
 * for every unregister_event call, its eventfd and the arrays as the call finds them, then the arrays at the end,
 * and the kinds of the reports.
 */
export function sharedEventfdRun(variant: Variant): { calls: string[]; kinds: string[] } {
  const calls: string[] = [];
  let memcg: mem_cgroup | null = null;
  const recorder: Checker = {
    name: 'unregister-recorder',
    api(e) {
      if (e.type !== 'unregister_event') return;
      memcg = e.css as mem_cgroup;
      calls.push(`${(e.eventfd as { name: string }).name}: ${arraysOf(memcg)}`);
    },
  };
  const { kinds } = runKernel({
    variant,
    kworkers: 1,
    checkers: [...allCheckers(), recorder],
    actors: [
      {
        name: 'monitor',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('monitor');
          yield* u.mkdir(p, '/A');
          const r = yield* openForRegistration(u, p, '/A');
          for (const t of ['4k', '8k', '12k']) yield* u.register(p, r.ecfd, r.efd, r.cfd, t);
          const other = yield* u.eventfd(p);
          yield* u.register(p, r.ecfd, other, r.cfd, '16k');
          yield* u.close(p, r.efd);
          yield* flush_scheduled_work(k, T);
          calls.push(`after the close: ${arraysOf(memcg!)}`);
          yield* u.teardown();
        },
      },
    ],
  });
  return { calls, kinds };
}
