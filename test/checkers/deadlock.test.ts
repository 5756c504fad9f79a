import test from 'ava';
import { mutex_lock, mutex_unlock } from '../../model/locking/mutex.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import { RandomStrategy } from '../../sim/strategy/random.js';
import { mtx, ofKind, site, spin } from '../helpers/checkerKit.js';
import { runKernel, type TestActor } from '../helpers/kernelHarness.js';
import { nested } from '../helpers/locking.js';

const pq: TestActor = { name: 'pq', body: (k) => nested(k, 'P', 'Q', 'take_p_then_q') };
const qp: TestActor = { name: 'qp', body: (k) => nested(k, 'Q', 'P', 'take_q_then_p') };

test('two CPUs each holding the lock the other spins on are a deadlock naming both, what each waits for and holds', (t) => {
  const r = runKernel({ actors: [pq, qp], strategy: [0, 1, 0, 1], kworkers: 1 });
  t.is(r.outcome.ending, 'deadlock');
  const d = ofKind(r, 'deadlock');
  t.is(d.length, 1);
  t.like(d[0], {
    title: 'BUG: spinlock lockup suspected on CPU#0, pq',
    object: 'P, Q',
    site: 'take_p_then_q / take_q_then_p',
    fatal: true,
  });
  t.deepEqual(d[0]!.details, [
    'cgsim: deadlock: 2 CPU(s) blocked for good (pq, qp)',
    'Blocked CPUs, what each waits for, and the locks it holds:',
    '  pq, at take_p_then_q (test/checkers.c:2): spins in spin_lock(Q) [Q], held by qp',
    '      holds P [P], taken at take_p_then_q (test/checkers.c:1)',
    '  qp, at take_q_then_p (test/checkers.c:2): spins in spin_lock(P) [P], held by pq',
    '      holds Q [Q], taken at take_q_then_p (test/checkers.c:1)',
  ]);
});

test('mutex waiters are reported as sleeping in mutex_lock', (t) => {
  const ab: TestActor['body'] = function* (k) {
    yield* mutex_lock(k, mtx(k, 'MA'), site('ab', 1));
    yield* mutex_lock(k, mtx(k, 'MB'), site('ab', 2));
    yield* mutex_unlock(k, mtx(k, 'MB'), site('ab', 3));
    yield* mutex_unlock(k, mtx(k, 'MA'), site('ab', 4));
  };
  const ba: TestActor['body'] = function* (k) {
    yield* mutex_lock(k, mtx(k, 'MB'), site('ba', 1));
    yield* mutex_lock(k, mtx(k, 'MA'), site('ba', 2));
    yield* mutex_unlock(k, mtx(k, 'MA'), site('ba', 3));
    yield* mutex_unlock(k, mtx(k, 'MB'), site('ba', 4));
  };
  const r = runKernel({ actors: [{ name: 'x', body: ab }, { name: 'y', body: ba }], strategy: [0, 1, 0, 1] });
  t.is(r.outcome.ending, 'deadlock');
  t.is(ofKind(r, 'deadlock')[0]!.title, 'INFO: task x blocked for more than 120 seconds.', 'sleepers only: the hung-task detector speaks');
  t.is(ofKind(r, 'deadlock')[0]!.details[2], '  x, at ab (test/checkers.c:2): sleeps in mutex_lock(MB) [MB], held by y');
});

test('an interrupt that cannot finish leaves its CPU blocked, and the report says so', (t) => {
  const r = runKernel({
    actors: [
      // holder keeps S2; other holds S and spins on S2; the interrupt on holder's CPU spins on S.
      {
        name: 'holder',
        body: function* (k) {
          yield* spin_lock(k, spin(k, 'S2'), site('holder', 1));
          yield* spin_unlock(k, spin(k, 'S2'), site('holder', 2));
        },
      },
      { name: 'other', body: (k) => nested(k, 'S', 'S2', 'other') },
      { name: 'irq', context: 'softirq', interrupts: 'holder', body: (k) => spin_lock(k, spin(k, 'S'), site('irq_handler')) },
    ],
    strategy: [0, 0, 1, 1, 2, 2],
  });
  t.is(r.outcome.ending, 'deadlock');
  const d = ofKind(r, 'deadlock')[0]!;
  t.is(d.title, 'BUG: spinlock lockup suspected on CPU#1, other');
  t.is(d.details[0], 'cgsim: deadlock: 3 CPU(s) blocked for good (holder, other, irq)');
  t.is(d.details[2], '  holder, at holder (test/checkers.c:2): interrupted by irq, which cannot finish');
});

test('locks taken in one order by every CPU never deadlock, whatever the schedule', (t) => {
  for (let run = 0; run < 30; run++) {
    const r = runKernel({
      actors: [pq, { name: 'pq-too', body: (k) => nested(k, 'P', 'Q', 'also_p_then_q') }],
      strategy: new RandomStrategy('no-deadlock', run),
      kworkers: 2,
    });
    t.is(r.outcome.ending, 'complete');
    t.deepEqual(ofKind(r, 'deadlock'), []);
  }
});
