import test from 'ava';
import type { Kernel, KGen } from '../../../model/kernel.js';
import { memcg_v5 } from '../../../model/variants/eras/memcg-v5/index.js';
import { mem_cgroup_from_cont, res_counter_add } from '../../../model/memcg/memcontrol.js';
import { __mem_cgroup_threshold } from '../../../model/memcg/thresholdCheck.js';
import { mem_cgroup_register_event, mem_cgroup_unregister_event } from '../../../model/variants/eras/memcg-v5/thresholds.js';
import { add_wait_queue, init_waitqueue_func_entry, wait_queue_t } from '../../../model/wait.js';
import { Userspace } from '../../../scenarios/userspace.js';
import type { eventfd_ctx } from '../../../model/eventfd.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { cstr, staticMem, T, testEventfd } from '../../helpers/modelFixtures.js';

const usage_in_bytes = memcg_v5.files[0]!;

/** Registers on the root memcg, which the tasks of `Userspace.process` are charged to. */
function* register(k: Kernel, e: eventfd_ctx, threshold: string): KGen<number> {
  return yield* mem_cgroup_register_event(k, k.s.root, usage_in_bytes, e, cstr(k, threshold), T);
}

test('a charge that reaches a threshold signals its eventfd once; crossing back down signals it again', (t) => {
  const counts: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'task',
        body: function* (k) {
          const u = new Userspace(k);
          const p = u.process('task');
          const e = testEventfd(k);
          yield* register(k, e, '8k');
          for (const bytes of [4096, 4096, 4096, -8192]) {
            yield* u.touch(p, bytes);
            counts.push(`${mem_cgroup_from_cont(k, k.s.root, T)!.res.usage}:${e.count}`);
          }
          yield* mem_cgroup_unregister_event(k, k.s.root, usage_in_bytes, e, T);
        },
      },
    ],
  });
  // 4096 below; 8192 reaches 8k (signal); 12288 stays above; 4096 falls below (signal).
  t.deepEqual(counts, ['4096:0', '8192:1', '12288:1', '4096:2']);
  t.deepEqual(kinds, []);
});

test('one charge across several thresholds signals each of them, lowest first, and remembers the highest', (t) => {
  const order: string[] = [];
  runKernel({
    actors: [
      {
        name: 'task',
        body: function* (k) {
          const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
          const es = [testEventfd(k), testEventfd(k), testEventfd(k)];
          for (const [i, e] of es.entries()) {
            const w = new wait_queue_t(staticMem(k, 'waiter'), `waiter${i}`);
            init_waitqueue_func_entry(w, function* () {
              order.push(e.name);
              return 0;
            });
            yield* add_wait_queue(k, e.wqh, w, T);
          }
          yield* register(k, es[0]!, '4k');
          yield* register(k, es[1]!, '8k');
          yield* register(k, es[2]!, '16k');
          yield* res_counter_add(k, memcg.res, 12288n, T);
          yield* __mem_cgroup_threshold(k, memcg);
          order.push(`current=${memcg.thresholds!.current_threshold} counts=${es.map((e) => e.count).join(',')}`);
          for (const e of es) yield* mem_cgroup_unregister_event(k, k.s.root, usage_in_bytes, e, T);
        },
      },
    ],
  });
  t.deepEqual(order, ['eventfd_ctx#1', 'eventfd_ctx#2', 'current=1 counts=1,1,0']);
});

test('the eventfds are signalled inside an RCU read-side section', (t) => {
  const depths: number[] = [];
  runKernel({
    actors: [
      {
        name: 'task',
        body: function* (k) {
          const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
          const e = testEventfd(k);
          const w = new wait_queue_t(staticMem(k, 'waiter'), 'waiter');
          init_waitqueue_func_entry(w, function* (k2) {
            depths.push(k2.cpu.rcu_read_depth);
            return 0;
          });
          yield* add_wait_queue(k, e.wqh, w, T);
          yield* register(k, e, '4k');
          yield* res_counter_add(k, memcg.res, 4096n, T);
          yield* __mem_cgroup_threshold(k, memcg);
          depths.push(k.cpu.rcu_read_depth);
          yield* mem_cgroup_unregister_event(k, k.s.root, usage_in_bytes, e, T);
        },
      },
    ],
  });
  t.deepEqual(depths, [1, 0]);
});

test('a memcg without thresholds is checked without signalling anything', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'task',
        body: function* (k) {
          const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
          yield* res_counter_add(k, memcg.res, 4096n, T);
          yield* __mem_cgroup_threshold(k, memcg);
          seen.push(`thresholds=${memcg.thresholds} rcu=${k.cpu.rcu_read_depth}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['thresholds=null rcu=0']);
  t.deepEqual(kinds, []);
});
