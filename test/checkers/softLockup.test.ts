import test from 'ava';
import { SOFT_LOCKUP_STEPS } from '../../model/kernel.js';
import { mutex_init, mutex_lock, mutex_unlock } from '../../model/locking/mutex.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import { ofKind, site } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';
import { staticMem, testLock } from '../helpers/modelFixtures.js';

test('a CPU that loops without a chance to schedule is a soft lockup, with the locks it holds, and the run ends', (t) => {
  let steps = 0;
  const r = runKernel({
    tracing: true,
    actors: [
      {
        name: 'looper',
        body: function* (k) {
          const l = testLock(k, 'l', 'test_lockup');
          yield* spin_lock(k, l, site('take'));
          for (;;) {
            steps++;
            yield k.op('spin around', null, site('spin_around', 12));
          }
        },
      },
    ],
  });
  const lockups = ofKind(r, 'soft-lockup');
  t.is(lockups.length, 1);
  t.like(lockups[0], { title: `BUG: soft lockup - CPU#0 stuck for ${SOFT_LOCKUP_STEPS} steps! [looper]`, site: 'spin_around loops without end (test/checkers.c)', fatal: true });
  t.regex(lockups[0]!.details.join('\n'), /1 lock\(s\) held, which every CPU that needs one now waits for:\n  l \[test_lockup\]/);
  t.is(r.outcome.ending, 'fatal');
  t.true(steps < SOFT_LOCKUP_STEPS + 5);
});

test('a loop that sleeps on a mutex each time round is no soft lockup', (t) => {
  const r = runKernel({
    maxSteps: 3 * SOFT_LOCKUP_STEPS,
    actors: [
      {
        name: 'sleeper',
        body: function* (k) {
          const m = mutex_init(staticMem(k, 'm'), 'm', 'test_lockup_mutex');
          for (let i = 0; i < SOFT_LOCKUP_STEPS; i++) {
            yield* mutex_lock(k, m, site('lock_it'));
            yield* mutex_unlock(k, m, site('unlock_it'));
          }
        },
      },
    ],
  });
  t.deepEqual(ofKind(r, 'soft-lockup'), []);
  t.is(r.outcome.ending, 'complete');
});

test('taking a spinlock is no chance to schedule: a CPU that loops over one locks up too', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'spinner',
        body: function* (k) {
          const l = testLock(k, 'l2', 'test_lockup2');
          for (;;) {
            yield* spin_lock(k, l, site('take'));
            yield* spin_unlock(k, l, site('drop'));
          }
        },
      },
    ],
  });
  t.is(ofKind(r, 'soft-lockup').length, 1);
});
