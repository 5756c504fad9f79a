import test from 'ava';
import type { eventfd_ctx } from '../../../../../model/eventfd.js';
import type { Kernel, KGen } from '../../../../../model/kernel.js';
import { mem_cgroup_from_cont, type mem_cgroup } from '../../../../../model/memcg/memcontrol.js';
import { memcg_3x } from '../../../../../model/variants/eras/memcg-3.3/index.js';
import { res_counter_memparse_write_strategy } from '../../../../../model/variants/eras/memcg-v5/thresholds.js';
import { usageRegisterEvent } from '../../../../../model/variants/eras/memcg-spare/register.js';
import { v3_11 } from '../../../../../model/variants/v3_11/index.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstr, T, testEventfd } from '../../../../helpers/modelFixtures.js';
import { arraysOf } from '../../../../helpers/spareThresholds.js';

const usage_in_bytes = memcg_3x.files[0]!;

function rootMemcg(k: Kernel): mem_cgroup {
  return mem_cgroup_from_cont(k, k.s.root, T)!;
}

function* register(k: Kernel, e: eventfd_ctx, threshold: string): KGen<number> {
  return yield* usage_in_bytes.register_event!(k, k.s.root, usage_in_bytes, e, cstr(k, threshold), T);
}

function* unregister(k: Kernel, e: eventfd_ctx): KGen<number> {
  return yield* usage_in_bytes.unregister_event!(k, k.s.root, usage_in_bytes, e, T);
}

function run3x(body: (k: Kernel, seen: string[]) => KGen, faults: Parameters<typeof runKernel>[0]['faults'] = []) {
  const seen: string[] = [];
  const r = runKernel({ variant: v3_11, faults, actors: [{ name: 'cpu0', body: (k) => body(k, seen) }] });
  return { seen, ...r };
}

test('each registration publishes a new array one entry larger; the old primary becomes the spare, the old spare is freed', (t) => {
  const { seen, kinds } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2, e3] = [testEventfd(k), testEventfd(k), testEventfd(k)];
    yield* register(k, e1, '8k');
    seen.push(arraysOf(m));
    yield* register(k, e2, '4k');
    seen.push(arraysOf(m));
    const first = m.spare!;
    yield* register(k, e3, '12k');
    seen.push(`${arraysOf(m)}; ${first.name} freed=${first.mem.freed}`);
    for (const e of [e1, e2, e3]) yield* unregister(k, e);
  });
  t.deepEqual(seen, [
    'primary=mem_cgroup_threshold_ary#1 [eventfd_ctx#1@8192] spare=NULL',
    'primary=mem_cgroup_threshold_ary#2 [eventfd_ctx#2@4096 eventfd_ctx#1@8192] spare=mem_cgroup_threshold_ary#1',
    'primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@4096 eventfd_ctx#1@8192 eventfd_ctx#3@12288] spare=mem_cgroup_threshold_ary#2; mem_cgroup_threshold_ary#1 freed=true',
  ]);
  t.deepEqual(kinds, []);
});

test('the arrays are allocated for their entries: a header of 8 bytes and 16 per entry', (t) => {
  const { seen } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2] = [testEventfd(k), testEventfd(k)];
    yield* register(k, e1, '4k');
    yield* register(k, e2, '8k');
    seen.push(`${m.spare!.mem.size} ${m.thresholds!.mem.size}`);
    yield* unregister(k, e1);
    yield* unregister(k, e2);
  });
  t.deepEqual(seen, ['24 40']);
});

test('a failed allocation is -ENOMEM and leaves both arrays as they were', (t) => {
  const { seen, kinds } = run3x(
    function* (k, seen) {
      const m = rootMemcg(k);
      const [e1, e2] = [testEventfd(k), testEventfd(k)];
      yield* register(k, e1, '4k');
      seen.push(`ret=${yield* register(k, e2, '8k')} ${arraysOf(m)}`);
      yield* unregister(k, e1);
    },
    [{ type: 'mem_cgroup_threshold_ary', nth: 2 }],
  );
  t.deepEqual(seen, ['ret=-12 primary=mem_cgroup_threshold_ary#1 [eventfd_ctx#1@4096] spare=NULL']);
  t.deepEqual(kinds, []);
});

test('the threshold is parsed before the mutex: with no memcg, a bad one is -EINVAL and a good one faults at thresholds_lock', (t) => {
  const L = T;
  const bad = runKernel({
    variant: v3_11,
    actors: [{ name: 'cpu0', body: (k) => usageRegisterEvent(k, null, testEventfd(k), cstr(k, '12abc'), res_counter_memparse_write_strategy, L) }],
  });
  t.deepEqual(bad.kinds, []);
  t.is(bad.outcome.ending, 'complete');
  const good = runKernel({
    variant: v3_11,
    actors: [{ name: 'cpu0', body: (k) => usageRegisterEvent(k, null, testEventfd(k), cstr(k, '4k'), res_counter_memparse_write_strategy, L) }],
  });
  t.deepEqual(good.kinds, ['null-deref']);
  // &memcg->thresholds_lock of the 3.x struct mem_cgroup.
  t.is(good.outcome.findings[0]!.title, 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000118');
});
