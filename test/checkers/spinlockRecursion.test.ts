import test from 'ava';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import { pause } from '../helpers/modelFixtures.js';
import { ofKind, site, spin } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

test('a CPU taking a spinlock it already holds is a spinlock recursion, reported at once and fatal, not a lockup', (t) => {
  const r = runKernel({
    tracing: true,
    actors: [
      {
        name: 'self',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'R'), site('relock', 1));
          yield* spin_lock(k, spin(k, 'R'), site('relock', 2));
        },
      },
      { name: 'other', body: (k) => pause(k) },
    ],
  });
  t.is(r.outcome.ending, 'fatal');
  const d = ofKind(r, 'deadlock');
  t.is(d.length, 1);
  t.like(d[0], { title: 'BUG: spinlock recursion on CPU#0, self', site: 'spinlock recursion on R in relock', object: 'R', fatal: true, actor: 'self', step: 2 });
  t.is(d[0]!.details[0], ' lock: R [R], .magic: dead4ead, .owner: self, .owner_cpu: 0');
  t.true(d[0]!.details.includes('cgsim: self takes R at relock (test/checkers.c:2), and already holds it since relock (test/checkers.c:1).'));
  // lockdep looked first, as spin_lock() calls it before the debug check.
  t.deepEqual(
    r.outcome.findings.map((f) => f.kind),
    ['lock-recursion', 'deadlock'],
  );
});

test('an interrupt taking a lock the task it interrupted holds is a recursion on that CPU, named by the task', (t) => {
  const r = runKernel({
    // proc takes W (softirqs on), the softirq comes and runs on proc's CPU.
    strategy: [0, 0, 1, 1],
    actors: [
      {
        name: 'proc',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'W'), site('process_path', 1));
          yield* pause(k);
          yield* spin_unlock(k, spin(k, 'W'), site('process_path', 2));
        },
      },
      {
        name: 'softirq',
        context: 'softirq',
        interrupts: 'proc',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'W'), site('irq_handler', 1));
          yield* spin_unlock(k, spin(k, 'W'), site('irq_handler', 2));
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'fatal');
  const d = ofKind(r, 'deadlock');
  t.like(d[0], { title: 'BUG: spinlock recursion on CPU#0, proc', site: 'spinlock recursion on W in irq_handler', actor: 'softirq' });
  // lockdep's own report here is the inconsistent irq usage, not a recursion: the softirq holds nothing.
  t.deepEqual(ofKind(r, 'lock-recursion'), []);
  t.is(ofKind(r, 'irq-lock-inversion').length, 1);
});

test('a lock taken again after it was released is no recursion', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'twice',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'A'), site('twice', 1));
          yield* spin_unlock(k, spin(k, 'A'), site('twice', 2));
          yield* spin_lock(k, spin(k, 'A'), site('twice', 3));
          yield* spin_unlock(k, spin(k, 'A'), site('twice', 4));
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(r.outcome.findings, []);
});
