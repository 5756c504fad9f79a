import test from 'ava';
import type { Kernel } from '../../model/kernel.js';
import { KObject, type Allocation } from '../../model/memory.js';
import { at } from '../../model/site.js';
import { GFP_ATOMIC, GFP_KERNEL, kfree, kmalloc_buf, kzalloc, kzalloc_buf } from '../../model/slab.js';
import { runOne, T, testLock } from '../helpers/modelFixtures.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';

class thing extends KObject {
  constructor(mem: Allocation) {
    super(mem, mem.name);
  }
}

const L_alloc = at('test/slab.c', 'make_event', 10);
const L_free = at('test/slab.c', 'drop_event', 20);
const L_free2 = at('test/slab.c', 'drop_again', 30);
const L_read = at('test/slab.c', 'read_event', 40);

function* alloc(k: Kernel, type = 'cgroup_event', gfp = GFP_KERNEL) {
  return yield* kzalloc(k, type, 136, gfp, L_alloc, (mem) => new thing(mem));
}

test('kzalloc numbers objects per C type, from 1', (t) => {
  const names: string[] = [];
  const { kinds } = runOne(function* (k) {
    const objs = [yield* alloc(k), yield* alloc(k), yield* alloc(k, 'eventfd_ctx')];
    names.push(...objs.map((o) => `${o!.name} size=${o!.mem.size} obj=${o!.mem.obj === o}`));
    for (const o of objs) yield* kfree(k, o, L_free);
  });
  t.deepEqual(names, ['cgroup_event#1 size=136 obj=true', 'cgroup_event#2 size=136 obj=true', 'eventfd_ctx#1 size=136 obj=true']);
  t.deepEqual(kinds, []);
});

test('a read after kfree is a use-after-free whose report says where the block was allocated and freed', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    const o = yield* alloc(k);
    yield* kfree(k, o, L_free);
    k.rd(o, L_read);
  });
  t.deepEqual(kinds, ['use-after-free']);
  const f = outcome.findings[0]!;
  t.is(f.title, 'BUG: KASAN: use-after-free in read_event');
  // The test's own functions are no model frames: the call traces end in the allocator and kfree.
  const at = (header: string): string => f.details[f.details.indexOf(header) + 1] ?? '';
  t.is(at('Allocated by task cpu0 at step 2:'), ' kmalloc');
  t.is(at('Freed by task cpu0 at step 3:'), ' kfree');
});

test('a second kfree of a block is a double-free, and the block keeps its first free site', (t) => {
  let freeSite = '';
  const { outcome, kinds } = runOne(function* (k) {
    const o = yield* alloc(k);
    yield* kfree(k, o, L_free);
    yield* kfree(k, o, L_free2);
    freeSite = o!.mem.freeSite!.fn;
  });
  t.deepEqual(kinds, ['double-free']);
  t.is(outcome.findings[0]!.title, 'BUG: KASAN: double-free in drop_again');
  t.is(freeSite, 'drop_event');
});

test('kfree(NULL) is a no-op step', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    yield* kfree(k, null, L_free);
  });
  t.is(outcome.ending, 'complete');
  t.deepEqual(kinds, []);
  t.deepEqual(
    outcome.trace!.map((s) => s.op),
    ['start', 'kfree'],
  );
});

test('fault injection makes exactly the nth allocation of that type return NULL', (t) => {
  const names: (string | null)[] = [];
  runOne(
    function* (k) {
      const objs = [yield* alloc(k), yield* alloc(k), yield* alloc(k), yield* alloc(k, 'eventfd_ctx')];
      names.push(...objs.map((o) => o?.name ?? null));
      for (const o of objs) yield* kfree(k, o, L_free);
    },
    { faults: [{ type: 'cgroup_event', nth: 2 }] },
  );
  // The failed allocation makes no block, so the numbering goes on from the last real one.
  t.deepEqual(names, ['cgroup_event#1', null, 'cgroup_event#2', 'eventfd_ctx#1']);
});

test('a GFP_KERNEL allocation under a spinlock is reported as sleep-in-atomic', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    const l = testLock(k, 'l', 'test_slab_atomic');
    yield* spin_lock(k, l, T);
    const o = yield* alloc(k);
    yield* spin_unlock(k, l, T);
    yield* kfree(k, o, L_free);
  });
  t.deepEqual(kinds, ['sleep-in-atomic']);
  t.regex(outcome.findings[0]!.site, /^kmalloc\(cgroup_event, GFP_KERNEL\) in make_event holding test_slab_atomic/);
});

test('a GFP_ATOMIC allocation under a spinlock is allowed', (t) => {
  const { kinds } = runOne(function* (k) {
    const l = testLock(k, 'l', 'test_slab_gfp_atomic');
    yield* spin_lock(k, l, T);
    const o = yield* alloc(k, 'cgroup_event', GFP_ATOMIC);
    yield* spin_unlock(k, l, T);
    yield* kfree(k, o, L_free);
  });
  t.deepEqual(kinds, []);
});

test('kmalloc_buf gives a byte buffer of exactly the size asked for, uninitialised (stored as zeros); kzalloc_buf a zeroed one', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const b = yield* kmalloc_buf(k, 5, GFP_KERNEL, L_alloc);
    const z = yield* kzalloc_buf(k, 2, GFP_KERNEL, L_alloc);
    for (const x of [b!, z!]) seen.push(`${x.name} size=${x.mem.size} uninit=${x.mem.uninit} bytes=${Array.from(x.bytes).join(',')}`);
    yield* kfree(k, b, L_free);
    yield* kfree(k, z, L_free);
  });
  t.deepEqual(seen, ['char[]#1 size=5 uninit=true bytes=0,0,0,0,0', 'char[]#2 size=2 uninit=false bytes=0,0']);
});

test('an object still allocated when the run ends is reported as a leak', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    yield* alloc(k);
  });
  t.deepEqual(kinds, ['leak']);
  t.is(outcome.findings[0]!.title, 'unreferenced object cgroup_event#1 (size 136):');
});
