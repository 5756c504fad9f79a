import test from 'ava';
import type { eventfd_ctx } from '../../../../../model/eventfd.js';
import type { Kernel, KGen } from '../../../../../model/kernel.js';
import { mem_cgroup_from_cont, type mem_cgroup } from '../../../../../model/memcg/memcontrol.js';
import { memcg_3x } from '../../../../../model/variants/eras/memcg-3.3/index.js';
import { v3_11 } from '../../../../../model/variants/v3_11/index.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstr, T, testEventfd } from '../../../../helpers/modelFixtures.js';
import { arraysOf, chargeAndCheck, raceStrategy, sharedEventfdRun } from '../../../../helpers/spareThresholds.js';
import type { Cpu } from '../../../../../model/context.js';

const usage_in_bytes = memcg_3x.files[0]!;

/** The root cgroup's memcg, under the 3.x kernel (its facts: where a NULL dereference faults). */
function rootMemcg(k: Kernel): mem_cgroup {
  return mem_cgroup_from_cont(k, k.s.root, T)!;
}

function* register(k: Kernel, e: eventfd_ctx, threshold: string): KGen<number> {
  return yield* usage_in_bytes.register_event!(k, k.s.root, usage_in_bytes, e, cstr(k, threshold), T);
}

function* unregister(k: Kernel, e: eventfd_ctx): KGen<number> {
  return yield* usage_in_bytes.unregister_event!(k, k.s.root, usage_in_bytes, e, T);
}

/** One CPU on the 3.x kernel running `body`; what it saw, the reports' kinds and the outcome. */
function run3x(body: (k: Kernel, seen: string[]) => KGen) {
  const seen: string[] = [];
  const r = runKernel({ variant: v3_11, actors: [{ name: 'cpu0', body: (k) => body(k, seen) }] });
  return { seen, ...r };
}

// Every test keeps the contract (one unregister_event per successful register_event): an eventfd registered
// twice is unregistered twice, as the cgroup core does for its two events, and the second call is the one whose
// path is under test.

test('when every entry is of the eventfd, both arrays go; the next call finds no array and leaves at once', (t) => {
  const { seen, kinds } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const e = testEventfd(k);
    yield* register(k, e, '4k');
    yield* register(k, e, '8k');
    seen.push(arraysOf(m));
    const [primary, spare] = [m.thresholds!, m.spare!];
    yield* unregister(k, e);
    seen.push(`${arraysOf(m)}; ${primary.name} freed=${primary.mem.freed}, ${spare.name} freed=${spare.mem.freed}`);
    seen.push(`ret=${yield* unregister(k, e)} ${arraysOf(m)}`);
  });
  t.deepEqual(seen, [
    'primary=mem_cgroup_threshold_ary#2 [eventfd_ctx#1@4096 eventfd_ctx#1@8192] spare=mem_cgroup_threshold_ary#1',
    'primary=NULL [none] spare=NULL; mem_cgroup_threshold_ary#2 freed=true, mem_cgroup_threshold_ary#1 freed=true',
    'ret=0 primary=NULL [none] spare=NULL',
  ]);
  t.deepEqual(kinds, []);
});

test('when some entries stay, they are copied into the spare, which becomes the primary; the old primary is the spare', (t) => {
  const { seen, kinds } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2] = [testEventfd(k), testEventfd(k)];
    yield* register(k, e1, '4k');
    yield* register(k, e2, '8k');
    seen.push(arraysOf(m));
    yield* unregister(k, e1);
    seen.push(`${arraysOf(m)} current=${m.thresholds!.current_threshold}`);
    // Nothing stays: the spare (#2) is freed, then the primary (#1), and both pointers are NULL.
    yield* unregister(k, e2);
    seen.push(arraysOf(m));
  });
  t.deepEqual(seen, [
    'primary=mem_cgroup_threshold_ary#2 [eventfd_ctx#1@4096 eventfd_ctx#2@8192] spare=mem_cgroup_threshold_ary#1',
    'primary=mem_cgroup_threshold_ary#1 [eventfd_ctx#2@8192] spare=mem_cgroup_threshold_ary#2 current=-1',
    'primary=NULL [none] spare=NULL',
  ]);
  t.deepEqual(kinds, []);
});

test('an eventfd with no entry left, called while the spare is NULL, writes the size through NULL', (t) => {
  const { seen, kinds, outcome } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2] = [testEventfd(k), testEventfd(k)];
    yield* register(k, e2, '4k');
    yield* register(k, e2, '8k');
    // The first of e2's two calls removes both entries; then e1 is the first registration again.
    yield* unregister(k, e2);
    yield* register(k, e1, '4k');
    seen.push(arraysOf(m));
    yield* unregister(k, e2);
    seen.push('not reached');
  });
  t.deepEqual(seen, ['primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#1@4096] spare=NULL']);
  t.deepEqual(kinds, ['null-deref']);
  t.is(outcome.ending, 'fatal');
  const f = outcome.findings[0]!;
  t.is(f.site, 'mem_cgroup_usage_unregister_event dereferences NULL [mem_cgroup_usage_unregister_event (mm/memcontrol.c)]');
  // new->size: the second field of the array, at offset 4.
  t.is(f.title, 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000004');
});

test('an eventfd with no entry left, called after a registration, copies the whole array into the smaller spare', (t) => {
  const { seen, kinds, outcome } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2, e3] = [testEventfd(k), testEventfd(k), testEventfd(k)];
    yield* register(k, e2, '4k');
    yield* register(k, e2, '8k');
    yield* unregister(k, e2);
    yield* register(k, e1, '4k');
    yield* register(k, e3, '8k');
    seen.push(arraysOf(m));
    yield* unregister(k, e2);
    seen.push(arraysOf(m));
    yield* unregister(k, e1);
    yield* unregister(k, e3);
  });
  // The spare (#3) was allocated for one entry; both entries of the primary are written into it.
  t.deepEqual(kinds, ['out-of-bounds']);
  t.is(outcome.findings[0]!.site, 'mem_cgroup_usage_unregister_event past the end of mem_cgroup_threshold_ary [mem_cgroup_usage_unregister_event (mm/memcontrol.c)]');
  t.deepEqual(seen, [
    'primary=mem_cgroup_threshold_ary#4 [eventfd_ctx#1@4096 eventfd_ctx#3@8192] spare=mem_cgroup_threshold_ary#3',
    'primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#1@4096 eventfd_ctx#3@8192] spare=mem_cgroup_threshold_ary#4',
  ]);
});

test('an eventfd with no entry left, called after its entries went, swaps the buffers and changes nothing else', (t) => {
  const { seen, kinds } = run3x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2] = [testEventfd(k), testEventfd(k)];
    yield* register(k, e1, '4k');
    yield* register(k, e1, '6k');
    yield* register(k, e2, '8k');
    yield* unregister(k, e1);
    seen.push(arraysOf(m));
    yield* unregister(k, e1);
    seen.push(arraysOf(m));
    yield* unregister(k, e2);
    seen.push(arraysOf(m));
  });
  t.deepEqual(seen, [
    'primary=mem_cgroup_threshold_ary#2 [eventfd_ctx#2@8192] spare=mem_cgroup_threshold_ary#3',
    'primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@8192] spare=mem_cgroup_threshold_ary#2',
    'primary=NULL [none] spare=NULL',
  ]);
  t.deepEqual(kinds, []);
});

test('when nothing stays, the primary is freed while a charge inside its RCU read-side section still uses it', (t) => {
  const charge: { cpu: Cpu | null } = { cpu: null };
  let registered = false;
  const { kinds, outcome } = runKernel({
    variant: v3_11,
    strategy: raceStrategy(() => registered, charge),
    actors: [
      {
        name: 'writer',
        body: function* (k) {
          const e = testEventfd(k);
          yield* register(k, e, '4k');
          registered = true;
          yield* unregister(k, e);
        },
      },
      { name: 'charge', body: (k) => chargeAndCheck(k, rootMemcg(k), 8192, charge) },
    ],
  });
  t.deepEqual(kinds, ['use-after-free']);
  const f = outcome.findings[0]!;
  t.is(f.site, 'mem_cgroup_threshold_ary accessed after free in __mem_cgroup_threshold (mm/memcontrol.c)');
});

test('three events on one eventfd: three calls; the first removes its entries, the later ones swap the buffers', (t) => {
  const { calls, kinds } = sharedEventfdRun(v3_11);
  // Each call finds the arrays as the one before left them: the second and third copy the one entry left into
  // the spare and publish it, so the two buffers trade places each time.
  t.deepEqual(calls, [
    'eventfd_ctx#1: primary=mem_cgroup_threshold_ary#4 [eventfd_ctx#1@4096 eventfd_ctx#1@8192 eventfd_ctx#1@12288 eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#3',
    'eventfd_ctx#1: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
    'eventfd_ctx#1: primary=mem_cgroup_threshold_ary#4 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#3',
    'after the close: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
    'eventfd_ctx#2: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
  ]);
  t.deepEqual(kinds, []);
});
