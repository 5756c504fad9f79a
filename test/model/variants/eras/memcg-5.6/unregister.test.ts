import test from 'ava';
import type { Cpu } from '../../../../../model/context.js';
import type { eventfd_ctx } from '../../../../../model/eventfd.js';
import type { Kernel, KGen } from '../../../../../model/kernel.js';
import { mem_cgroup_from_cont, type mem_cgroup } from '../../../../../model/memcg/memcontrol.js';
import { v6_10 } from '../../../../../model/variants/v6_10/index.js';
import { runKernel } from '../../../../helpers/kernelHarness.js';
import { cstr, T, testEventfd } from '../../../../helpers/modelFixtures.js';
import { arraysOf, chargeAndCheck, raceStrategy, sharedEventfdRun } from '../../../../helpers/spareThresholds.js';

const usage_in_bytes = v6_10.subsystems[0]!.files.find((f) => f.name === 'memory.usage_in_bytes')!;

function rootMemcg(k: Kernel): mem_cgroup {
  return mem_cgroup_from_cont(k, k.s.root, T)!;
}

function* register(k: Kernel, e: eventfd_ctx, threshold: string): KGen<number> {
  return yield* usage_in_bytes.register_event!(k, k.s.root, usage_in_bytes, e, cstr(k, threshold), T);
}

function* unregister(k: Kernel, e: eventfd_ctx): KGen<number> {
  return yield* usage_in_bytes.unregister_event!(k, k.s.root, usage_in_bytes, e, T);
}

function run6x(body: (k: Kernel, seen: string[]) => KGen) {
  const seen: string[] = [];
  const r = runKernel({ variant: v6_10, actors: [{ name: 'cpu0', body: (k) => body(k, seen) }] });
  return { seen, ...r };
}

// As in the 3.3 tests, one unregister_event per successful register_event: the second call of an eventfd
// registered twice is the one under test.

test('when every entry is of the eventfd, both arrays go (the old primary after the grace period); the next call leaves at once', (t) => {
  const { seen, kinds } = run6x(function* (k, seen) {
    const m = rootMemcg(k);
    const e = testEventfd(k);
    yield* register(k, e, '4k');
    yield* register(k, e, '8k');
    const [primary, spare] = [m.thresholds!, m.spare!];
    yield* unregister(k, e);
    seen.push(`${arraysOf(m)}; ${primary.name} freed=${primary.mem.freed}, ${spare.name} freed=${spare.mem.freed}`);
    seen.push(`ret=${yield* unregister(k, e)} ${arraysOf(m)}`);
  });
  t.deepEqual(seen, ['primary=NULL [none] spare=NULL; mem_cgroup_threshold_ary#2 freed=true, mem_cgroup_threshold_ary#1 freed=true', 'ret=0 primary=NULL [none] spare=NULL']);
  t.deepEqual(kinds, []);
});

test('when some entries stay, they go into the spare, which becomes the primary', (t) => {
  const { seen, kinds } = run6x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2] = [testEventfd(k), testEventfd(k)];
    yield* register(k, e1, '4k');
    yield* register(k, e2, '8k');
    yield* unregister(k, e1);
    seen.push(arraysOf(m));
    yield* unregister(k, e2);
    seen.push(arraysOf(m));
  });
  t.deepEqual(seen, ['primary=mem_cgroup_threshold_ary#1 [eventfd_ctx#2@8192] spare=mem_cgroup_threshold_ary#2', 'primary=NULL [none] spare=NULL']);
  t.deepEqual(kinds, []);
});

test('an eventfd with no entry left is a no-op, whether the spare is NULL or smaller than the array', (t) => {
  const { seen, kinds } = run6x(function* (k, seen) {
    const m = rootMemcg(k);
    const [e1, e2, e3] = [testEventfd(k), testEventfd(k), testEventfd(k)];
    for (const th of ['4k', '8k', '12k']) yield* register(k, e2, th);
    // e2's first call removes all three; then e1 is the first registration again: the spare is NULL.
    yield* unregister(k, e2);
    yield* register(k, e1, '4k');
    yield* unregister(k, e2);
    seen.push(arraysOf(m));
    // A registration: the spare is the one-entry array, the primary has two.
    yield* register(k, e3, '8k');
    yield* unregister(k, e2);
    seen.push(arraysOf(m));
    yield* unregister(k, e1);
    yield* unregister(k, e3);
  });
  t.deepEqual(seen, [
    'primary=mem_cgroup_threshold_ary#4 [eventfd_ctx#1@4096] spare=NULL',
    'primary=mem_cgroup_threshold_ary#5 [eventfd_ctx#1@4096 eventfd_ctx#3@8192] spare=mem_cgroup_threshold_ary#4',
  ]);
  t.deepEqual(kinds, []);
});

test('when nothing stays, the old primary is freed only after a charge inside its read-side section has left it', (t) => {
  const charge: { cpu: Cpu | null } = { cpu: null };
  let registered = false;
  const { kinds, outcome } = runKernel({
    variant: v6_10,
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
  t.deepEqual(kinds, []);
  t.is(outcome.ending, 'complete');
});

test('three events on one eventfd: three calls; the first removes its entries, the later ones change nothing', (t) => {
  const { calls, kinds } = sharedEventfdRun(v6_10);
  t.deepEqual(calls, [
    'eventfd_ctx#1: primary=mem_cgroup_threshold_ary#4 [eventfd_ctx#1@4096 eventfd_ctx#1@8192 eventfd_ctx#1@12288 eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#3',
    'eventfd_ctx#1: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
    'eventfd_ctx#1: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
    'after the close: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
    'eventfd_ctx#2: primary=mem_cgroup_threshold_ary#3 [eventfd_ctx#2@16384] spare=mem_cgroup_threshold_ary#4',
  ]);
  t.deepEqual(kinds, []);
});
