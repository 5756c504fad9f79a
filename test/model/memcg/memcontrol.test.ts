import test from 'ava';
import { allCheckers } from '../../../checkers/index.js';
import { mem_cgroup, mem_cgroup_from_cont, mem_cgroup_get, mem_cgroup_put, mem_cgroup_usage, res_counter_add } from '../../../model/memcg/memcontrol.js';
import { GFP_KERNEL, kzalloc } from '../../../model/slab.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { pause, recorder, runOne, T } from '../../helpers/modelFixtures.js';

test('res_counter_add charges and uncharges, and never takes the usage below zero', (t) => {
  const usages: bigint[] = [];
  runOne(function* (k) {
    const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
    for (const delta of [8192n, -4096n, -8192n, 100n]) {
      yield* res_counter_add(k, memcg.res, delta, T);
      usages.push(mem_cgroup_usage(k, memcg, T));
    }
  });
  t.deepEqual(usages, [8192n, 4096n, 0n, 100n]);
});

test('res_counter_add charges under the counter lock and leaves nothing held, even from softirq context', (t) => {
  const spy = recorder();
  const seen: string[] = [];
  const { kinds } = runKernel({
    checkers: [...allCheckers(), spy],
    actors: [
      {
        name: 'irq',
        context: 'softirq',
        body: function* (k) {
          const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
          yield* res_counter_add(k, memcg.res, 4096n, T);
          seen.push(`held=${k.cpu.held.length} irqs_disabled=${k.cpu.irqs_disabled}`);
        },
      },
    ],
  });
  t.deepEqual(spy.log, ['irq acquire root_memory#1.res.lock', 'irq release root_memory#1.res.lock']);
  t.deepEqual(seen, ['held=0 irqs_disabled=false']);
  // Nothing in a charge may sleep, so an interrupt may charge.
  t.deepEqual(kinds, []);
});

test('mem_cgroup_from_cont is the memcg in the cgroup subsys slot', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
    seen.push(`${memcg.name} of=${memcg.cgroup === k.s.root} refcnt=${memcg.refcnt.value}`);
    yield* pause(k);
  });
  t.deepEqual(seen, ['root_memory#1 of=true refcnt=1']);
});

test('mem_cgroup_put frees the memcg at its last reference only', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const memcg = (yield* kzalloc(k, 'mem_cgroup', 512, GFP_KERNEL, T, (mem) => new mem_cgroup(mem, k.s.root)))!;
    yield* mem_cgroup_get(k, memcg, T);
    yield* mem_cgroup_put(k, memcg, T);
    seen.push(`refcnt=${memcg.refcnt.value} freed=${memcg.mem.freed}`);
    yield* mem_cgroup_put(k, memcg, T);
    seen.push(`freed=${memcg.mem.freed}`);
  });
  t.deepEqual(seen, ['refcnt=1 freed=false', 'freed=true']);
  t.deepEqual(kinds, []);
});
