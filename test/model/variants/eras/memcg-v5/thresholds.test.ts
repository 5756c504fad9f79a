import test from 'ava';
import type { eventfd_ctx } from '../../../../../model/eventfd.js';
import type { Kernel, KGen } from '../../../../../model/kernel.js';
import { spin_lock, spin_unlock } from '../../../../../model/locking/spinlock.js';
import { memcg_v5 } from '../../../../../model/variants/eras/memcg-v5/index.js';
import { mem_cgroup_from_cont, type mem_cgroup } from '../../../../../model/memcg/memcontrol.js';
import {
  mem_cgroup_register_event,
  mem_cgroup_unregister_event,
  res_counter_memparse_write_strategy,
} from '../../../../../model/variants/eras/memcg-v5/thresholds.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstr, pause, runOne, T, testEventfd, testLock } from '../../../../helpers/modelFixtures.js';

const usage_in_bytes = memcg_v5.files[0]!;

/** Registers on the root cgroup's memcg (static, so only the thresholds arrays are slab objects). */
function* register(k: Kernel, e: eventfd_ctx, threshold: string): KGen<number> {
  return yield* mem_cgroup_register_event(k, k.s.root, usage_in_bytes, e, cstr(k, threshold), T);
}

function* unregister(k: Kernel, e: eventfd_ctx): KGen<number> {
  return yield* mem_cgroup_unregister_event(k, k.s.root, usage_in_bytes, e, T);
}

/** `eventfd@threshold` for every entry, in array order. */
function entries(memcg: mem_cgroup): string {
  return memcg.thresholds === null ? 'none' : memcg.thresholds.entries.map((e) => `${e.eventfd.name}@${e.threshold}`).join(' ');
}

test('register_event keeps the thresholds sorted and takes one memcg reference per threshold', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
    const [e1, e2, e3] = [testEventfd(k), testEventfd(k), testEventfd(k)];
    seen.push(`rets=${[yield* register(k, e1, '8k'), yield* register(k, e2, '4096'), yield* register(k, e3, '12k')]}`);
    seen.push(`${entries(memcg)} refcnt=${memcg.refcnt.value}`);
    for (const e of [e1, e2, e3]) yield* unregister(k, e);
  });
  t.deepEqual(seen, ['rets=0,0,0', 'eventfd_ctx#2@4096 eventfd_ctx#1@8192 eventfd_ctx#3@12288 refcnt=4']);
  t.deepEqual(kinds, []);
});

test('each registration publishes a new array and frees the one it replaces', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
    const e = testEventfd(k);
    yield* register(k, e, '4k');
    const first = memcg.thresholds!;
    yield* register(k, e, '8k');
    seen.push(`${first.name} freed=${first.mem.freed}, now ${memcg.thresholds!.name} of ${memcg.thresholds!.size}`);
    yield* unregister(k, e);
  });
  t.deepEqual(seen, ['mem_cgroup_threshold_ary#1 freed=true, now mem_cgroup_threshold_ary#2 of 2']);
});

test('unregister_event removes every entry of the eventfd and drops one reference for each', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
    const [e1, e2] = [testEventfd(k), testEventfd(k)];
    yield* register(k, e1, '4k');
    yield* register(k, e1, '8k');
    yield* register(k, e2, '12k');
    seen.push(`ret=${yield* unregister(k, e1)} ${entries(memcg)} refcnt=${memcg.refcnt.value}`);
    seen.push(`ret=${yield* unregister(k, e2)} ${entries(memcg)} refcnt=${memcg.refcnt.value}`);
  });
  t.deepEqual(seen, ['ret=0 eventfd_ctx#2@12288 refcnt=2', 'ret=0 none refcnt=1']);
  t.deepEqual(kinds, []);
});

test('an invalid threshold is -EINVAL and registers nothing', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
    seen.push(`ret=${yield* register(k, testEventfd(k), '12abc')} ${entries(memcg)} refcnt=${memcg.refcnt.value}`);
    yield* pause(k);
  });
  t.deepEqual(seen, ['ret=-22 none refcnt=1']);
});

test('thresholds parse as memparse sizes rounded up to a page, with "-1" meaning unlimited', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    for (const s of ['4096', '4k', '1', '4097', '-1', '-2', '-1x', '12abc', '4k ', '18446744073709551615']) {
      const { ret, value } = res_counter_memparse_write_strategy(k, cstr(k, s));
      seen.push(`${s}=${ret === 0 ? value : ret}`);
    }
    yield* pause(k);
  });
  // The last one: PAGE_ALIGN of 2^64 - 1 wraps to 0 in u64 arithmetic.
  t.deepEqual(seen, ['4096=4096', '4k=4096', '1=4096', '4097=8192', '-1=9223372036854775807', '-2=-22', '-1x=-22', '12abc=-22', '4k =-22', '18446744073709551615=0']);
});

test('unregister_event may sleep: called under a spinlock it is reported at its own entry', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    const e = testEventfd(k);
    yield* register(k, e, '4k');
    const l = testLock(k, 'l', 'test_unreg_atomic');
    yield* spin_lock(k, l, T);
    yield* unregister(k, e);
    yield* spin_unlock(k, l, T);
  });
  t.deepEqual(kinds, ['sleep-in-atomic']);
  t.regex(outcome.findings[0]!.site, /^mem_cgroup_unregister_event in mem_cgroup_unregister_event holding test_unreg_atomic/);
});

test('unregister_event with no thresholds registered is a kernel BUG', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    yield* unregister(k, testEventfd(k));
  });
  t.is(outcome.ending, 'fatal');
  t.deepEqual(kinds, ['kernel-bug']);
  t.is(outcome.findings[0]!.site, 'mem_cgroup_unregister_event: BUG_ON(!thresholds)');
});

test('unregister_event whose smaller array cannot be allocated fails with -ENOMEM and changes nothing', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    // Arrays #1 and #2 come from the two registrations; the third allocation is the unregister's.
    faults: [{ type: 'mem_cgroup_threshold_ary', nth: 3 }],
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const memcg = mem_cgroup_from_cont(k, k.s.root, T)!;
          const [e1, e2] = [testEventfd(k), testEventfd(k)];
          yield* register(k, e1, '4k');
          yield* register(k, e2, '8k');
          seen.push(`ret=${yield* unregister(k, e1)} ${entries(memcg)} refcnt=${memcg.refcnt.value}`);
          seen.push(`retry=${yield* unregister(k, e1)} ${entries(memcg)}`);
          yield* unregister(k, e2);
        },
      },
    ],
  });
  t.deepEqual(seen, ['ret=-12 eventfd_ctx#1@4096 eventfd_ctx#2@8192 refcnt=3', 'retry=0 eventfd_ctx#2@8192']);
  t.deepEqual(kinds, []);
});
