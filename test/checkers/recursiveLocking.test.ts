import test from 'ava';
import { RecursiveLockingChecker } from '../../checkers/recursiveLocking.js';
import { mutex_lock, mutex_unlock } from '../../model/locking/mutex.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import { spin_lock_init } from '../../model/locking/spinlock.js';
import { mtx, ofKind, site, spin } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

test('lockdep reports a spinlock taken again by the CPU that holds it, with both sites and the locks held', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'self',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'OUTER'), site('outer', 1));
          yield* spin_lock(k, spin(k, 'R'), site('relock', 1));
          yield* spin_lock(k, spin(k, 'R'), site('relock', 2));
        },
      },
    ],
  });
  const rec = ofKind(r, 'lock-recursion');
  t.is(rec.length, 1);
  t.like(rec[0], { title: 'WARNING: possible recursive locking detected', object: 'R', site: 'R taken again in relock, held since relock', fatal: false });
  t.deepEqual(rec[0]!.details.slice(0, 4), ['self (step 4) is trying to acquire lock:', '  (R) R, at relock (test/checkers.c:2)', 'but task is already holding lock:', '  (R) R, at relock (test/checkers.c:1)']);
  t.deepEqual(rec[0]!.details.slice(12, 15), ['2 lock(s) held by self:', ' #0: (OUTER) OUTER, at outer (test/checkers.c:1)', ' #1: (R) R, at relock (test/checkers.c:1)']);
});

test('a mutex taken again sleeps for good: lockdep reports the recursion when the run deadlocks, the hung task follows', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'self',
        body: function* (k) {
          yield* mutex_lock(k, mtx(k, 'M'), site('relock_mutex', 1));
          yield* mutex_lock(k, mtx(k, 'M'), site('relock_mutex', 2));
          yield* mutex_unlock(k, mtx(k, 'M'), site('relock_mutex', 3));
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'deadlock');
  t.like(ofKind(r, 'lock-recursion')[0], { site: 'M taken again in relock_mutex, held since relock_mutex' });
  t.like(ofKind(r, 'deadlock')[0], { title: 'INFO: task self blocked for more than 120 seconds.' });
});

test('two locks of one class nested are not reported: the model has no nesting annotation to tell them apart', (t) => {
  const r = runKernel({
    checkers: [new RecursiveLockingChecker()],
    actors: [
      {
        name: 'nester',
        body: function* (k) {
          const a = spin_lock_init(k.newAllocation('lock:a', 0, 'static', null), 'a', 'ONE_CLASS');
          const b = spin_lock_init(k.newAllocation('lock:b', 0, 'static', null), 'b', 'ONE_CLASS');
          yield* spin_lock(k, a, site('nest', 1));
          yield* spin_lock(k, b, site('nest', 2));
          yield* spin_unlock(k, b, site('nest', 3));
          yield* spin_unlock(k, a, site('nest', 4));
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(r.outcome.findings, []);
});
