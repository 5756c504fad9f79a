import test from 'ava';
import { IrqLockInversionChecker } from '../../checkers/irqLockInversion.js';
import { spin_lock, spin_lock_irq, spin_unlock, spin_unlock_irq } from '../../model/locking/spinlock.js';
import { ofKind, runAs, site, spin } from '../helpers/checkerKit.js';
import { runKernel, type TestActor } from '../helpers/kernelHarness.js';
import { lockOnce, nestedIrqsave } from '../helpers/locking.js';

const softirq = (lock: string): TestActor => ({ name: 'softirq', context: 'softirq', body: (k) => lockOnce(k, lock, 'irq_handler') });
const plain = (name: string, lock: string, fn = 'process_path'): TestActor => ({ name, body: (k) => lockOnce(k, lock, fn) });

test('a lock taken in softirq context and with softirqs enabled is an inconsistent lock state', (t) => {
  const r = runKernel({ actors: [softirq('W'), plain('proc', 'W')] });
  const inv = ofKind(r, 'irq-lock-inversion');
  t.is(inv.length, 1);
  t.like(inv[0], {
    title: 'WARNING: inconsistent lock state',
    object: 'W',
    site: 'SOFTIRQ-safe W -> SOFTIRQ-unsafe W (process_path)',
    actor: 'proc',
  });
  t.deepEqual(inv[0]!.details.slice(0, 3), [
    'inconsistent {IN-SOFTIRQ-W} -> {SOFTIRQ-ON-W} usage.',
    '(W) was taken in softirq context at irq_handler (test/checkers.c:1) by softirq at step 2',
    'and with softirqs enabled at process_path (test/checkers.c:1) by proc at step 5',
  ]);
});

test('a dependency from a softirq-safe lock to a softirq-unsafe one is an irq lock inversion when the unsafe use comes last', (t) => {
  const r = runKernel({
    actors: [softirq('SAFE'), { name: 'nester', body: (k) => nestedIrqsave(k, 'SAFE', 'UNSAFE', 'nest') }, plain('user', 'UNSAFE', 'unsafe_user')],
  });
  const inv = ofKind(r, 'irq-lock-inversion');
  t.is(inv.length, 1);
  t.like(inv[0], {
    title: 'WARNING: possible irq lock inversion dependency detected',
    object: 'SAFE, UNSAFE',
    site: 'SOFTIRQ-safe SAFE -> SOFTIRQ-unsafe UNSAFE (nest)',
    actor: 'user',
  });
  t.deepEqual(inv[0]!.details.slice(0, 5), [
    '(SAFE) -> (UNSAFE): a dependency from a SOFTIRQ-safe lock to a SOFTIRQ-unsafe lock.',
    '(SAFE) became SOFTIRQ-irq-safe at irq_handler (test/checkers.c:1) by softirq at step 2',
    '(UNSAFE) became SOFTIRQ-irq-unsafe at unsafe_user (test/checkers.c:1) by user at step 10',
    'the dependencies:',
    '  (SAFE) -> (UNSAFE): nest (test/checkers.c:2) by nester at step 6, holding the first taken at nest (test/checkers.c:1)',
  ]);
});

test('the same pattern completed by the softirq is an irq lock inversion dependency', (t) => {
  const r = runKernel({
    actors: [plain('user', 'UNSAFE2', 'unsafe_user'), { name: 'nester', body: (k) => nestedIrqsave(k, 'SAFE2', 'UNSAFE2', 'nest') }, softirq('SAFE2')],
  });
  t.deepEqual(
    ofKind(r, 'irq-lock-inversion').map((f) => [f.actor, f.title]),
    [['softirq', 'WARNING: possible irq lock inversion dependency detected']],
  );
});

test('usage seen in an earlier run completes the pattern later, citing that run, and is reported once', (t) => {
  const checkers = [new IrqLockInversionChecker()];
  t.deepEqual(runAs(0, checkers, { actors: [softirq('X')] }).kinds, []);
  const r1 = runAs(1, checkers, { actors: [plain('proc', 'X')] });
  const inv = ofKind(r1, 'irq-lock-inversion');
  t.is(inv.length, 1);
  t.deepEqual(inv[0]!.priorRuns, [{ run: 0, schedule: 's1:a3', what: 'irq usage or dependency' }]);
  t.is(inv[0]!.details[1], '(X) was taken in softirq context at irq_handler (test/checkers.c:1) by softirq at step 2 of run 0');
  t.deepEqual(runAs(2, checkers, { actors: [plain('proc', 'X')] }).kinds, []);
  t.deepEqual(runAs(3, checkers, { actors: [softirq('X')] }).kinds, []);
});

test('a run showing the whole pattern by itself is reported again with no earlier run needed', (t) => {
  const checkers = [new IrqLockInversionChecker()];
  runAs(0, checkers, { actors: [softirq('Y')] });
  runAs(1, checkers, { actors: [plain('proc', 'Y')] });
  const again = ofKind(runAs(2, checkers, { actors: [softirq('Y'), plain('proc', 'Y')] }), 'irq-lock-inversion');
  t.is(again.length, 1);
  t.is(again[0]!.priorRuns, undefined);
});

test('a softirq-safe lock always taken with interrupts or softirqs off elsewhere is consistent', (t) => {
  const r = runKernel({
    actors: [
      softirq('Z'),
      {
        name: 'irq-off',
        body: function* (k) {
          yield* spin_lock_irq(k, spin(k, 'Z'), site('irq_off_path'));
          yield* spin_unlock_irq(k, spin(k, 'Z'), site('irq_off_path'));
        },
      },
      {
        name: 'bh-off',
        body: function* (k) {
          k.cpu.local_bh_disable();
          yield* spin_lock(k, spin(k, 'Z'), site('bh_off_path'));
          yield* spin_unlock(k, spin(k, 'Z'), site('bh_off_path'));
          k.cpu.local_bh_enable();
        },
      },
      { name: 'nester', body: (k) => nestedIrqsave(k, 'Z', 'Z-inner', 'nest') },
    ],
  });
  t.deepEqual(r.kinds, []);
});

test('locks only ever taken in process context with irqs on are no irq inversion', (t) => {
  const r = runKernel({ actors: [plain('a', 'PLAIN'), { name: 'b', body: (k) => nestedIrqsave(k, 'PLAIN', 'PLAIN2', 'nest') }, plain('c', 'PLAIN2')] });
  t.deepEqual(r.kinds, []);
});

test('a new dependency from a softirq-safe lock to a lock already softirq-unsafe is a safe -> unsafe lock order', (t) => {
  const r = runKernel({
    actors: [softirq('SAFE3'), plain('user', 'UNSAFE3', 'unsafe_user'), { name: 'nester', body: (k) => nestedIrqsave(k, 'SAFE3', 'UNSAFE3', 'nest') }],
  });
  t.deepEqual(
    ofKind(r, 'irq-lock-inversion').map((f) => [f.actor, f.title]),
    [['nester', 'WARNING: SOFTIRQ-safe -> SOFTIRQ-unsafe lock order detected']],
  );
});

test('a lock taken in hardirq context and in a softirq with hardirqs on is an inconsistent lock state', (t) => {
  const r = runKernel({
    actors: [
      { name: 'hardirq', context: 'hardirq', body: (k) => lockOnce(k, 'H', 'hard_handler') },
      { name: 'softirq', context: 'softirq', body: (k) => lockOnce(k, 'H', 'soft_handler') },
    ],
  });
  const inv = ofKind(r, 'irq-lock-inversion');
  t.is(inv.length, 1);
  t.like(inv[0], { title: 'WARNING: inconsistent lock state', site: 'HARDIRQ-safe H -> HARDIRQ-unsafe H (soft_handler)' });
});
