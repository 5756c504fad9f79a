import test from 'ava';
import { kfree } from '../../model/slab.js';
import { newThing, ofKind, site, type Thing } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

test('a second kfree of a block is a double-free naming both frees', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const p = yield* newThing(k);
          yield* kfree(k, p, site('first_free', 10));
          yield* kfree(k, p, site('second_free', 20));
        },
      },
    ],
  });
  const df = ofKind(r, 'double-free');
  t.is(df.length, 1);
  t.like(df[0], {
    title: 'BUG: KASAN: double-free in second_free',
    object: 'thing',
    site: 'thing freed again at second_free (test/checkers.c:20)',
    actor: 'user',
    step: 3,
  });
  t.deepEqual(df[0]!.details, [
    'Free of thing#1 by task user (step 4) in second_free (test/checkers.c:20)',
    'Call Trace:',
    ' kfree',
    'Allocated by task user at step 2:',
    ' kmalloc',
    ' make_thing (test/checkers.c:1)',
    'Freed by task user at step 3:',
    ' kfree',
    ' first_free (test/checkers.c:10)',
    'The buggy address belongs to the object thing#1 (thing, 16 bytes)',
  ]);
  t.deepEqual(r.kinds, ['double-free'], 'the second free is ignored: no leak, no other report');
});

test('the second free leaves the record of the first free as it was', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'a',
        body: function* (k) {
          const p = yield* newThing(k);
          yield* kfree(k, p, site('first_free'));
          yield* kfree(k, p, site('second_free'));
          t.is(p.mem.freeSite?.fn, 'first_free');
          t.is(p.mem.freeStep, 2);
        },
      },
    ],
  });
  t.is(ofKind(r, 'double-free').length, 1);
});

test('two frees racing on two CPUs: the later one is reported, for its CPU', (t) => {
  let p: Thing | null = null;
  const r = runKernel({
    actors: [
      {
        name: 'setup',
        body: function* (k) {
          p = yield* newThing(k);
        },
      },
      { name: 'x', after: ['setup'], body: (k) => kfree(k, p, site('free_x')) },
      { name: 'y', after: ['setup'], body: (k) => kfree(k, p, site('free_y')) },
    ],
    strategy: [0, 0, 2, 1, 2, 1],
  });
  const df = ofKind(r, 'double-free');
  t.is(df.length, 1);
  t.like(df[0], { actor: 'x', title: 'BUG: KASAN: double-free in free_x' });
});

test('one kfree per block, and kfree(NULL) any number of times, are no double-free', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const p = yield* newThing(k);
          const q = yield* newThing(k);
          yield* kfree(k, p, site('free_p'));
          yield* kfree(k, null, site('free_null'));
          yield* kfree(k, null, site('free_null'));
          yield* kfree(k, q, site('free_q'));
        },
      },
    ],
  });
  t.deepEqual(r.kinds, []);
});
