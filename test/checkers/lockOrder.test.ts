import test from 'ava';
import { allCheckers } from '../../checkers/index.js';
import { LockOrderChecker } from '../../checkers/lockOrder.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import type { Kernel } from '../../model/kernel.js';
import { spin_lock, spin_lock_init, spin_unlock } from '../../model/locking/spinlock.js';
import { ofKind, runAs, site } from '../helpers/checkerKit.js';
import { runKernel, type TestActor } from '../helpers/kernelHarness.js';
import { nested } from '../helpers/locking.js';

const pq: TestActor = { name: 'pq', body: (k) => nested(k, 'P', 'Q', 'take_p_then_q') };
const qp: TestActor = { name: 'qp', body: (k) => nested(k, 'Q', 'P', 'take_q_then_p') };

test('two CPUs taking two locks in opposite orders is a circular locking dependency, even without a deadlock', (t) => {
  const r = runKernel({ actors: [pq, qp] });
  t.is(r.outcome.ending, 'complete');
  const inv = ofKind(r, 'lock-order-inversion');
  t.is(inv.length, 1);
  t.like(inv[0], {
    title: 'WARNING: possible circular locking dependency detected',
    object: 'P, Q',
    site: 'P vs Q (take_p_then_q, take_q_then_p)',
    actor: 'qp',
    step: 7,
    priorRuns: undefined,
  });
  t.deepEqual(inv[0]!.details.slice(0, 6), [
    'qp (step 8) is trying to acquire lock:',
    '  (P) at take_q_then_p (test/checkers.c:2)',
    'but task is already holding lock:',
    '  (Q) at take_q_then_p (test/checkers.c:1)',
    'which lock already depends on the new lock.',
    'the existing dependency chain (in reverse order) is:',
  ]);
  t.is(inv[0]!.details[6], '-> #0 (Q): taken at take_p_then_q (test/checkers.c:2) while holding (P) taken at take_p_then_q (test/checkers.c:1), by pq at step 3');
});

test('a run showing the inversion again and again reports it once', (t) => {
  const again = (name: string, after: string[], body: TestActor['body']): TestActor => ({ name, after, body });
  const r = runKernel({ actors: [pq, qp, again('pq2', ['qp'], pq.body), again('qp2', ['pq2'], qp.body)] });
  t.is(ofKind(r, 'lock-order-inversion').length, 1);
});

test('orders seen in different runs are reported once, in the run that completes the cycle, citing the earlier run', (t) => {
  const checkers = allCheckers();
  const r0 = runAs(0, checkers, { actors: [pq] });
  const r1 = runAs(1, checkers, { actors: [qp] });
  t.deepEqual(ofKind(r0, 'lock-order-inversion'), []);
  const inv = ofKind(r1, 'lock-order-inversion');
  t.is(inv.length, 1);
  t.deepEqual(inv[0]!.priorRuns, [{ run: 0, schedule: 's1:a5', what: 'P -> Q' }]);
  t.is(inv[0]!.details[6], '-> #0 (Q): taken at take_p_then_q (test/checkers.c:2) while holding (P) taken at take_p_then_q (test/checkers.c:1), by pq at step 3 of run 0');
  for (let run = 2; run < 6; run++) {
    t.deepEqual(ofKind(runAs(run, checkers, { actors: [run % 2 === 0 ? pq : qp] }), 'lock-order-inversion'), [], `run ${run}`);
  }
});

test('a later run that shows both orders by itself is reported again, with no earlier run needed', (t) => {
  const checkers = [new LockOrderChecker()];
  runAs(0, checkers, { actors: [pq] });
  t.is(ofKind(runAs(1, checkers, { actors: [qp] }), 'lock-order-inversion')[0]?.priorRuns?.length, 1);
  const alone = ofKind(runAs(2, checkers, { actors: [pq, qp] }), 'lock-order-inversion');
  t.is(alone.length, 1);
  t.is(alone[0]!.priorRuns, undefined);
});

test('an ABBA deadlock is reported as an inversion too, from the acquires the CPUs spin on', (t) => {
  const r = runKernel({ actors: [pq, qp], strategy: [0, 1, 0, 1] });
  t.is(r.outcome.ending, 'deadlock');
  t.deepEqual(r.kinds, ['lock-order-inversion', 'deadlock']);
});

test('a longer cycle through three locks is found', (t) => {
  const r = runKernel({
    actors: [
      { name: 'ab', body: (k) => nested(k, 'A3', 'B3', 'ab') },
      { name: 'bc', body: (k) => nested(k, 'B3', 'C3', 'bc') },
      { name: 'ca', body: (k) => nested(k, 'C3', 'A3', 'ca') },
    ],
  });
  t.deepEqual(
    ofKind(r, 'lock-order-inversion').map((f) => f.site),
    ['A3 vs B3 vs C3 (ab, bc, ca)'],
  );
});

test('the same order everywhere, and nesting two locks of one class, are not reported', (t) => {
  for (let run = 0; run < 20; run++) {
    const r = runKernel({
      actors: [pq, { name: 'pq-too', body: (k) => nested(k, 'P', 'Q', 'also_p_then_q') }],
      strategy: new RandomStrategy('same-order', run),
    });
    t.is(r.outcome.ending, 'complete');
    t.deepEqual(ofKind(r, 'lock-order-inversion'), []);
  }
  const sameClass = (k: Kernel, n: number) => spin_lock_init(k.newAllocation('pair', 0, 'static', null), `pair#${n}`, '&pair->lock');
  const both = (first: number, second: number): TestActor['body'] =>
    function* (k) {
      const [a, b] = [sameClass(k, first), sameClass(k, second)];
      yield* spin_lock(k, a, site('nest_same', 1));
      yield* spin_lock(k, b, site('nest_same', 2));
      yield* spin_unlock(k, b, site('nest_same', 3));
      yield* spin_unlock(k, a, site('nest_same', 4));
    };
  const same = runKernel({ actors: [{ name: 'one-two', body: both(1, 2) }, { name: 'two-one', body: both(2, 1) }] });
  t.deepEqual(same.kinds, []);
});
