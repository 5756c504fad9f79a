import test from 'ava';
import { kfree } from '../../model/slab.js';
import { mtx, newThing, ofKind, site, Thing } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';
import { mutex_lock } from '../../model/locking/mutex.js';

test('a kzalloc never freed is a leak, reported at the end of the run with who allocated it', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'leaker',
        body: function* (k) {
          yield* newThing(k, 'forgetful');
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'complete');
  const leaks = ofKind(r, 'leak');
  t.is(leaks.length, 1);
  t.like(leaks[0], {
    title: 'unreferenced object thing#1 (size 16):',
    object: 'thing',
    site: 'forgetful allocates thing that is never freed [thing allocated at forgetful (test/checkers.c:1)]',
    step: 2,
  });
  t.deepEqual(leaks[0]!.details, [
    '1 object(s) still allocated after teardown (every fd closed, every cgroup removed, the workqueue drained):',
    '  thing#1, allocated by leaker at step 2',
    '  comm "leaker", at step 2',
    '  backtrace:',
    '    kmalloc',
    '    forgetful (test/checkers.c:1)',
  ]);
});

test('leaks of one type from one line are one report listing every object', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'a',
        body: function* (k) {
          for (let i = 0; i < 3; i++) yield* newThing(k, 'forgetful');
          const kept = yield* newThing(k, 'forgetful');
          yield* kfree(k, kept, site('free_one'));
          yield* newThing(k, 'other_line');
        },
      },
    ],
  });
  const leaks = ofKind(r, 'leak');
  t.deepEqual(
    leaks.map((f) => f.details[0]),
    [
      '3 object(s) still allocated after teardown (every fd closed, every cgroup removed, the workqueue drained):',
      '1 object(s) still allocated after teardown (every fd closed, every cgroup removed, the workqueue drained):',
    ],
  );
  t.deepEqual(leaks[0]!.details.slice(1, 4), ['  thing#1, allocated by a at step 2', '  thing#2, allocated by a at step 3', '  thing#3, allocated by a at step 4']);
  t.is(leaks[1]!.details[1], '  thing#5, allocated by a at step 7');
});

test('freed objects, static allocations and the booted kernel are no leaks', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'tidy',
        body: function* (k) {
          const p = yield* newThing(k);
          yield* kfree(k, p, site('free_it'));
          new Thing(k.newAllocation('global_thing', 16, 'static', null), 'global');
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(r.kinds, []);
  t.deepEqual(runKernel({ actors: [] }).kinds, []);
});

test('a run that does not finish (a deadlock) is not checked for leaks', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'stuck',
        body: function* (k) {
          yield* newThing(k);
          yield* mutex_lock(k, mtx(k, 'leak-test-lock'), site('lock_it'));
          yield* mutex_lock(k, mtx(k, 'leak-test-lock'), site('lock_again'));
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'deadlock');
  t.deepEqual(ofKind(r, 'leak'), []);
});
