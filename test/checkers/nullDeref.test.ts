import test from 'ava';
import { LIST_POISON1 } from '../../model/list.js';
import { ERR_PTR, IS_ERR_OR_NULL, type Ptr } from '../../model/memory.js';
import { kfree } from '../../model/slab.js';
import { newThing, ofKind, site, type Thing } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

function derefOf(p: () => Ptr<Thing>) {
  const after: string[] = [];
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          yield;
          k.rd(p(), site('deref_it', 7), 'thing->value');
          after.push('went on');
        },
      },
      { name: 'cpu1', body: function* () {
        yield;
        after.push('cpu1 ran');
      } },
    ],
  });
  return { r, after };
}

test('a NULL dereference is an oops that ends the execution at once', (t) => {
  const { r, after } = derefOf(() => null);
  t.is(r.outcome.ending, 'fatal');
  t.deepEqual(after, []);
  const oops = ofKind(r, 'null-deref');
  t.is(oops.length, 1);
  t.like(oops[0], {
    title: 'BUG: kernel NULL pointer dereference, address: 0000000000000000',
    object: 'thing->value',
    site: 'deref_it dereferences NULL [deref_it (test/checkers.c:7)]',
    fatal: true,
    actor: 'cpu0',
    step: 1,
  });
  t.deepEqual(oops[0]!.details, ['cpu0 (step 2) dereferences thing->value = NULL in deref_it (test/checkers.c:7)', 'Oops: the CPU stops here; the execution ends.']);
});

test('an ERR_PTR dereference faults at the address the error code makes', (t) => {
  const { r } = derefOf(() => ERR_PTR(-12));
  const oops = ofKind(r, 'null-deref');
  t.is(oops.length, 1);
  t.like(oops[0], {
    title: 'BUG: unable to handle page fault for address: fffffffffffffff4 (ERR_PTR(-12))',
    site: 'deref_it dereferences an ERR_PTR [deref_it (test/checkers.c:7)]',
  });
});

test('a dereference of list poison is a general protection fault', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'walker',
        body: function* (k) {
          k.rd(LIST_POISON1, site('walk_list'), 'pos->next');
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'fatal');
  t.like(ofKind(r, 'null-deref')[0], {
    title: 'general protection fault, probably for non-canonical address 0xdead000000000100 (LIST_POISON1)',
    site: 'walk_list dereferences list poison [walk_list (test/checkers.c:1)]',
  });
});

test('kfree of an ERR_PTR is a bad pointer too', (t) => {
  const r = runKernel({ actors: [{ name: 'cpu0', body: (k) => kfree(k, ERR_PTR(-22), site('free_err')) }] });
  t.is(r.outcome.ending, 'fatal');
  t.is(ofKind(r, 'null-deref')[0]?.site, 'free_err dereferences an ERR_PTR [free_err (test/checkers.c:1)]');
});

test('valid pointers, and NULL or ERR_PTR values that are checked before use, are never dereferenced', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'careful',
        body: function* (k) {
          const p = yield* newThing(k);
          k.rd(p, site('use_it')).value = 1;
          for (const q of [null, ERR_PTR(-2), p] as Ptr<Thing>[]) if (!IS_ERR_OR_NULL(q)) k.rd(q, site('use_checked'));
          yield* kfree(k, p, site('free_it'));
        },
      },
    ],
  });
  t.is(r.outcome.ending, 'complete');
  t.deepEqual(r.kinds, []);
});
