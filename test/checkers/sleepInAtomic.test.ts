import test from 'ava';
import { mutex_lock, mutex_unlock } from '../../model/locking/mutex.js';
import { rcu_read_lock, rcu_read_unlock, synchronize_rcu } from '../../model/locking/rcu.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import { GFP_ATOMIC, GFP_KERNEL, kfree, kzalloc } from '../../model/slab.js';
import { flush_scheduled_work } from '../../model/workqueue.js';
import { mtx, newThing, ofKind, site, spin, Thing } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

test('mutex_lock under a spinlock is a sleep in atomic context naming the lock held', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'S'), site('outer', 1));
          yield* mutex_lock(k, mtx(k, 'M'), site('inner', 2));
          yield* mutex_unlock(k, mtx(k, 'M'), site('inner', 3));
          yield* spin_unlock(k, spin(k, 'S'), site('outer', 4));
        },
      },
    ],
  });
  const s = ofKind(r, 'sleep-in-atomic');
  t.is(s.length, 1);
  t.like(s[0], {
    title: 'BUG: sleeping function called from invalid context at test/checkers.c:2',
    object: 'S',
    site: 'mutex_lock in inner holding S [inner (test/checkers.c:2)]',
    actor: 'cpu0',
    step: 1,
  });
  t.deepEqual(s[0]!.details.slice(0, 4), [
    'in_atomic(): 1, irqs_disabled(): 0, process context, cpu0 (step 2)',
    'mutex_lock may sleep, and the CPU is atomic: holding S',
    '1 lock(s) held:',
    '  S [S], taken at outer (test/checkers.c:1)',
  ]);
});

test('it is reported once per CPU per run', (t) => {
  const r = runKernel({
    actors: ['cpu0', 'cpu1'].map((name) => ({
      name,
      body: function* (k: Parameters<typeof newThing>[0]) {
        yield* spin_lock(k, spin(k, `S-${name}`), site('outer'));
        const a = yield* newThing(k, 'alloc_under_lock');
        const b = yield* newThing(k, 'alloc_again');
        yield* spin_unlock(k, spin(k, `S-${name}`), site('outer'));
        yield* kfree(k, a, site('free'));
        yield* kfree(k, b, site('free'));
      },
    })),
  });
  t.deepEqual(
    ofKind(r, 'sleep-in-atomic').map((f) => `${f.actor}: ${f.site}`),
    [
      'cpu0: kmalloc(thing, GFP_KERNEL) in alloc_under_lock holding S-cpu0 [alloc_under_lock (test/checkers.c:1)]',
      'cpu1: kmalloc(thing, GFP_KERNEL) in alloc_under_lock holding S-cpu1 [alloc_under_lock (test/checkers.c:1)]',
    ],
  );
});

test('a GFP_KERNEL allocation in softirq context is reported as such', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'softirq',
        context: 'softirq',
        body: function* (k) {
          const p = yield* newThing(k, 'irq_alloc');
          yield* kfree(k, p, site('free'));
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'sleep-in-atomic').map((f) => [f.object, f.site]),
    [['softirq', 'kmalloc(thing, GFP_KERNEL) in irq_alloc in softirq context [irq_alloc (test/checkers.c:1)]']],
  );
});

test('synchronize_rcu inside an RCU read-side section, and sleeping with interrupts off, are reported', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'reader',
        body: function* (k) {
          yield* rcu_read_lock(k, site('read_side'));
          yield* synchronize_rcu(k, site('sync_inside'));
          yield* rcu_read_unlock(k, site('read_side'));
        },
      },
      {
        name: 'irqs-off',
        body: function* (k) {
          k.cpu.local_irq_disable();
          yield* flush_scheduled_work(k, site('flush_irqs_off'));
          k.cpu.local_irq_enable();
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'sleep-in-atomic').map((f) => f.site),
    [
      'synchronize_rcu in sync_inside inside rcu_read_lock() [sync_inside (test/checkers.c:1)]',
      'flush_scheduled_work in flush_irqs_off with interrupts off [flush_irqs_off (test/checkers.c:1)]',
    ],
  );
});

test('sleeping outside atomic sections, under a mutex, or GFP_ATOMIC under a spinlock is fine', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'S'), site('outer'));
          const p = yield* kzalloc(k, 'thing', 16, GFP_ATOMIC, site('atomic_alloc'), (mem) => new Thing(mem, mem.name));
          yield* spin_unlock(k, spin(k, 'S'), site('outer'));
          yield* mutex_lock(k, mtx(k, 'M'), site('m1'));
          yield* mutex_lock(k, mtx(k, 'M2'), site('m2'));
          const q = yield* kzalloc(k, 'thing', 16, GFP_KERNEL, site('kernel_alloc'), (mem) => new Thing(mem, mem.name));
          yield* synchronize_rcu(k, site('sync'));
          yield* mutex_unlock(k, mtx(k, 'M2'), site('m2'));
          yield* mutex_unlock(k, mtx(k, 'M'), site('m1'));
          yield* kfree(k, p, site('free'));
          yield* kfree(k, q, site('free'));
        },
      },
    ],
  });
  t.deepEqual(r.kinds, []);
});

test('with only softirqs disabled the report says so, and in_atomic() is 1', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          k.cpu.local_bh_disable();
          yield* flush_scheduled_work(k, site('bh_off'));
          k.cpu.local_bh_enable();
        },
      },
    ],
  });
  const s = ofKind(r, 'sleep-in-atomic');
  t.is(s.length, 1);
  t.is(s[0]!.site, 'flush_scheduled_work in bh_off with softirqs off (local_bh_disable) [bh_off (test/checkers.c:1)]');
  t.regex(s[0]!.details[0]!, /^in_atomic\(\): 1, irqs_disabled\(\): 0, process context/);
});
