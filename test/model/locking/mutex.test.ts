import test from 'ava';
import { mutex_init, mutex_lock, mutex_unlock } from '../../../model/locking/mutex.js';
import { spin_lock, spin_unlock } from '../../../model/locking/spinlock.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { lazy, pause, Scripted, staticMem, T, testLock } from '../../helpers/modelFixtures.js';

test('mutex_lock while holding a spinlock is reported as sleep-in-atomic, naming the spinlock', (t) => {
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const s = testLock(k, 's', 'test_mutex_atomic_spin');
          const m = mutex_init(staticMem(k, 'm'), 'm', 'test_mutex_atomic_m');
          yield* spin_lock(k, s, T);
          yield* mutex_lock(k, m, T);
          yield* mutex_unlock(k, m, T);
          yield* spin_unlock(k, s, T);
        },
      },
    ],
  });
  t.deepEqual(kinds, ['sleep-in-atomic']);
  t.is(outcome.findings[0]!.object, 'test_mutex_atomic_spin');
  t.regex(outcome.findings[0]!.site, /^mutex_lock in test_body holding test_mutex_atomic_spin/);
});

test('mutex_lock in plain process context reports nothing and makes the CPU the owner', (t) => {
  const seen: string[] = [];
  const { kinds } = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const m = mutex_init(staticMem(k, 'm'), 'm', 'test_mutex_plain');
          yield* mutex_lock(k, m, T);
          seen.push(`owner=${m.owner?.name} held=${k.cpu.held.length} preempt=${k.cpu.preempt_count} atomic=${k.cpu.atomic()}`);
          yield* mutex_unlock(k, m, T);
          seen.push(`owner=${m.owner?.name ?? 'none'} held=${k.cpu.held.length}`);
        },
      },
    ],
  });
  t.deepEqual(seen, ['owner=cpu0 held=1 preempt=0 atomic=false', 'owner=none held=0']);
  t.deepEqual(kinds, []);
});

test('a second CPU blocks in mutex_lock until the owner unlocks, then owns the mutex', (t) => {
  const log: string[] = [];
  const m = lazy((k) => mutex_init(staticMem(k, 'm'), 'm', 'test_mutex_waiter'));
  const strategy = new Scripted([0, 0], [1]);
  runKernel({
    strategy,
    actors: [
      {
        name: 'owner',
        body: function* (k) {
          yield* mutex_lock(k, m(k), T);
          log.push('owner locked');
          yield* pause(k);
          log.push('owner unlocks');
          yield* mutex_unlock(k, m(k), T);
        },
      },
      {
        name: 'waiter',
        body: function* (k) {
          yield* mutex_lock(k, m(k), T);
          log.push(`waiter locked, owner ${m(k).owner?.name}`);
          yield* mutex_unlock(k, m(k), T);
        },
      },
    ],
  });
  t.deepEqual(log, ['owner locked', 'owner unlocks', 'waiter locked, owner waiter']);
  t.deepEqual(strategy.runnableAt[3], [0]);
});

test('a waiter on a mutex its owner never releases ends the run as a deadlock naming the waiter', (t) => {
  const m = lazy((k) => mutex_init(staticMem(k, 'm'), 'm', 'test_mutex_forever'));
  const { outcome, kinds } = runKernel({
    actors: [
      {
        name: 'owner',
        body: function* (k) {
          yield* mutex_lock(k, m(k), T);
        },
      },
      {
        name: 'waiter',
        body: function* (k) {
          yield* mutex_lock(k, m(k), T);
        },
      },
    ],
  });
  t.is(outcome.ending, 'deadlock');
  t.deepEqual(kinds, ['deadlock']);
  t.true(outcome.findings[0]!.details.some((l) => l.startsWith('  waiter, at ') && l.endsWith(': sleeps in mutex_lock(m) [test_mutex_forever], held by owner')));
});
