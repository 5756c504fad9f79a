import test from 'ava';
import { LockClass } from '../../../model/locking/lockTypes.js';
import {
  lock_is_held,
  spin_lock,
  spin_lock_init,
  spin_lock_irq,
  spin_lock_irqsave,
  spin_unlock,
  spin_unlock_irq,
  spin_unlock_irqrestore,
} from '../../../model/locking/spinlock.js';
import { runKernel } from '../../helpers/kernelHarness.js';
import { lazy, pause, runOne, Scripted, staticMem, T, testLock } from '../../helpers/modelFixtures.js';

test('spin_lock makes the CPU the owner and pushes the lock on cpu.held; spin_unlock undoes both', (t) => {
  const seen: string[] = [];
  const { kinds } = runOne(function* (k) {
    const l = testLock(k, 'l', 'test_spin_owner');
    yield* spin_lock(k, l, T);
    seen.push(`owner=${l.owner?.name} held=${k.cpu.held.map((h) => h.lock.name).join(',')} site=${l.ownerSite?.fn}`);
    yield* spin_unlock(k, l, T);
    seen.push(`owner=${l.owner?.name ?? 'none'} held=${k.cpu.held.length}`);
  });
  t.deepEqual(seen, ['owner=cpu0 held=l site=test_body', 'owner=none held=0']);
  t.deepEqual(kinds, []);
});

test('each spin_lock raises preempt_count by one and each spin_unlock lowers it', (t) => {
  const counts: number[] = [];
  runOne(function* (k) {
    const a = testLock(k, 'a', 'test_spin_preempt_a');
    const b = testLock(k, 'b', 'test_spin_preempt_b');
    counts.push(k.cpu.preempt_count);
    yield* spin_lock(k, a, T);
    counts.push(k.cpu.preempt_count);
    yield* spin_lock(k, b, T);
    counts.push(k.cpu.preempt_count);
    yield* spin_unlock(k, b, T);
    counts.push(k.cpu.preempt_count);
    yield* spin_unlock(k, a, T);
    counts.push(k.cpu.preempt_count);
  });
  t.deepEqual(counts, [0, 1, 2, 1, 0]);
});

test('a CPU spinning on a held lock does not run until the owner unlocks it', (t) => {
  const log: string[] = [];
  const lock = lazy((k) => testLock(k, 'l', 'test_spin_contended'));
  // cpu0 takes the lock in its first two steps; from then on cpu1 runs whenever it can.
  const strategy = new Scripted([0, 0], [1]);
  const { outcome } = runKernel({
    strategy,
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          yield* spin_lock(k, lock(k), T);
          log.push('cpu0 locked');
          yield* pause(k);
          yield* pause(k);
          log.push('cpu0 unlocks');
          yield* spin_unlock(k, lock(k), T);
        },
      },
      {
        name: 'cpu1',
        body: function* (k) {
          yield* spin_lock(k, lock(k), T);
          log.push(`cpu1 locked, owner ${lock(k).owner?.name}`);
          yield* spin_unlock(k, lock(k), T);
        },
      },
    ],
  });
  t.deepEqual(log, ['cpu0 locked', 'cpu0 unlocks', 'cpu1 locked, owner cpu1']);
  // Step 4 (cpu1 declared its spin_lock at step 3): only the owner can run.
  t.deepEqual(strategy.runnableAt[3], [0]);
  t.is(outcome.ending, 'complete');
});

test('spin_lock_irqsave turns interrupts off and makes the CPU uninterruptible; irqrestore gives back the saved state', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const l = testLock(k, 'l', 'test_spin_irqsave');
    const cpu = k.cpu;
    const flags = yield* spin_lock_irqsave(k, l, T);
    seen.push(`flags=${flags} irqs_disabled=${cpu.irqs_disabled} interruptible=${cpu.actor.interruptible}`);
    yield* spin_unlock_irqrestore(k, l, flags, T);
    seen.push(`irqs_disabled=${cpu.irqs_disabled} interruptible=${cpu.actor.interruptible}`);
  });
  t.deepEqual(seen, ['flags=false irqs_disabled=true interruptible=false', 'irqs_disabled=false interruptible=true']);
});

test('spin_unlock_irqrestore of flags saved with interrupts already off leaves them off', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const outer = testLock(k, 'outer', 'test_spin_nested_outer');
    const inner = testLock(k, 'inner', 'test_spin_nested_inner');
    const f1 = yield* spin_lock_irqsave(k, outer, T);
    const f2 = yield* spin_lock_irqsave(k, inner, T);
    yield* spin_unlock_irqrestore(k, inner, f2, T);
    seen.push(`f2=${f2} after inner: irqs_disabled=${k.cpu.irqs_disabled}`);
    yield* spin_unlock_irqrestore(k, outer, f1, T);
    seen.push(`f1=${f1} after outer: irqs_disabled=${k.cpu.irqs_disabled}`);
  });
  t.deepEqual(seen, ['f2=true after inner: irqs_disabled=true', 'f1=false after outer: irqs_disabled=false']);
});

test('spin_lock_irq turns interrupts off and spin_unlock_irq turns them on again', (t) => {
  const seen: string[] = [];
  runOne(function* (k) {
    const l = testLock(k, 'l', 'test_spin_irq');
    yield* spin_lock_irq(k, l, T);
    seen.push(`irqs_disabled=${k.cpu.irqs_disabled} preempt=${k.cpu.preempt_count} interruptible=${k.cpu.actor.interruptible}`);
    yield* spin_unlock_irq(k, l, T);
    seen.push(`irqs_disabled=${k.cpu.irqs_disabled} preempt=${k.cpu.preempt_count} interruptible=${k.cpu.actor.interruptible}`);
  });
  t.deepEqual(seen, ['irqs_disabled=true preempt=1 interruptible=false', 'irqs_disabled=false preempt=0 interruptible=true']);
});

test('lock_is_held is true only on the CPU that holds the lock', (t) => {
  const seen: string[] = [];
  const lock = lazy((k) => testLock(k, 'l', 'test_spin_is_held'));
  runKernel({
    strategy: new Scripted([0, 0, 1]),
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          yield* spin_lock(k, lock(k), T);
          seen.push(`cpu0 ${lock_is_held(k, lock(k))}`);
          yield* pause(k);
          yield* spin_unlock(k, lock(k), T);
        },
      },
      {
        name: 'cpu1',
        body: function* (k) {
          seen.push(`cpu1 ${lock_is_held(k, lock(k))}`);
          yield* pause(k);
        },
      },
    ],
  });
  t.deepEqual(seen, ['cpu0 true', 'cpu1 false']);
});

test('spinlocks initialised with the same class name share one lockdep class', (t) => {
  const seen: boolean[] = [];
  runOne(function* (k) {
    const a = spin_lock_init(staticMem(k, 'ctx'), 'ctx#1.wqh.lock', 'test_class_shared');
    const b = spin_lock_init(staticMem(k, 'ctx'), 'ctx#2.wqh.lock', 'test_class_shared');
    const c = spin_lock_init(staticMem(k, 'ctx'), 'ctx#3.lock', 'test_class_other');
    seen.push(a.cls === b.cls, a.cls === c.cls, a.cls === LockClass.of('test_class_shared'), a.cls.sleeping);
    yield* pause(k);
  });
  t.deepEqual(seen, [true, false, true, false]);
});

test('spin_lock of a lock the CPU holds does not wait for it: the step runs, and the CPU is lost there even with no checker', (t) => {
  const seen: string[] = [];
  const { outcome } = runKernel({
    checkers: [],
    actors: [
      {
        name: 'self',
        body: function* (k) {
          const l = testLock(k, 'l', 'test_spin_recursion');
          yield* spin_lock(k, l, T);
          seen.push('locked once');
          yield* spin_lock(k, l, T);
          seen.push('locked twice');
        },
      },
    ],
  });
  t.deepEqual(seen, ['locked once']);
  t.is(outcome.ending, 'fatal');
  t.like(outcome.findings[0], { kind: 'deadlock', title: 'BUG: spinlock recursion in test_body', fatal: true });
});
