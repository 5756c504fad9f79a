import test from 'ava';
import { UseAfterFreeChecker } from '../../checkers/useAfterFree.js';
import { kfree } from '../../model/slab.js';
import { newThing, ofKind, site, type Thing } from '../helpers/checkerKit.js';
import { runKernel, type TestActor } from '../helpers/kernelHarness.js';

test('a read after kfree is a use-after-free naming the accessing function, the free and the allocation', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const p = yield* newThing(k);
          yield* kfree(k, p, site('drop_thing', 10));
          yield;
          k.rd(p, site('read_thing', 20));
        },
      },
    ],
  });
  const uaf = ofKind(r, 'use-after-free');
  t.is(uaf.length, 1);
  t.like(uaf[0], {
    title: 'BUG: KASAN: use-after-free in read_thing',
    object: 'thing',
    site: 'thing accessed after free in read_thing (test/checkers.c)',
    actor: 'user',
    step: 3,
    fatal: false,
  });
  t.deepEqual(uaf[0]!.details, [
    'Read of size 8 at addr thing#1 by task user (step 4) in read_thing (test/checkers.c:20); freed at drop_thing (test/checkers.c:10)',
    'Allocated by task user at step 2:',
    ' kmalloc',
    ' make_thing (test/checkers.c:1)',
    'Freed by task user at step 3:',
    ' kfree',
    ' drop_thing (test/checkers.c:10)',
    'The buggy address belongs to the object thing#1 (thing, 16 bytes)',
    'The access comes 1 step(s) after the free (step 3).',
  ]);
  t.is(r.outcome.ending, 'complete', 'KASAN reports and the kernel goes on');
});

test('a write after free is reported as a write', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const p = yield* newThing(k);
          yield* kfree(k, p, site('drop_thing'));
          k.wr(p, site('write_thing')).value = 1;
        },
      },
    ],
  });
  const uaf = ofKind(r, 'use-after-free');
  t.is(uaf.length, 1);
  t.regex(uaf[0]!.details[0]!, /^Write of size 8 at addr thing#1 by task user/);
});

test('a function touching a freed block many times is reported once, another function again', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const p = yield* newThing(k);
          yield* kfree(k, p, site('drop_thing'));
          for (let i = 0; i < 3; i++) {
            k.rd(p, site('read_thing', 20 + i));
            yield;
          }
          k.rd(p, site('other_reader'));
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'use-after-free').map((f) => f.title),
    ['BUG: KASAN: use-after-free in read_thing', 'BUG: KASAN: use-after-free in other_reader'],
  );
});

test('a freed block read by another CPU is reported for that CPU', (t) => {
  let shared: Thing | null = null;
  const r = runKernel({
    actors: [
      {
        name: 'owner',
        body: function* (k) {
          shared = yield* newThing(k);
          yield;
          yield* kfree(k, shared, site('owner_free'));
        },
      },
      {
        name: 'reader',
        body: function* (k) {
          yield;
          k.rd(shared, site('late_reader'));
        },
      },
    ],
    strategy: [0, 0, 0, 0, 1, 1],
  });
  const uaf = ofKind(r, 'use-after-free');
  t.is(uaf.length, 1);
  t.like(uaf[0], { actor: 'reader', title: 'BUG: KASAN: use-after-free in late_reader' });
});

test('accesses before the free, and to live blocks, are no use-after-free', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'user',
        body: function* (k) {
          const p = yield* newThing(k);
          const q = yield* newThing(k);
          k.wr(p, site('write_thing')).value = 2;
          k.rd(p, site('read_thing'));
          yield* kfree(k, p, site('drop_thing'));
          k.rd(q, site('read_other'));
          yield* kfree(k, q, site('drop_other'));
        },
      },
    ],
  });
  t.deepEqual(r.kinds, []);
});

test('the per-function memory of reports starts afresh every run', (t) => {
  const checkers = [new UseAfterFreeChecker()];
  const actors: TestActor[] = [
    {
      name: 'user',
      body: function* (k) {
        const p = yield* newThing(k);
        yield* kfree(k, p, site('drop_thing'));
        k.rd(p, site('read_thing'));
      },
    },
  ];
  t.deepEqual(runKernel({ actors, checkers }).kinds, ['use-after-free']);
  t.deepEqual(runKernel({ actors, checkers }).kinds, ['use-after-free']);
});
