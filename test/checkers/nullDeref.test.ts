import test from 'ava';
import type { Variant } from '../../model/variant.js';
import { v4 } from '../../model/variants/v4/index.js';
import { v6_10 } from '../../model/variants/v6_10/index.js';
import { ERR_PTR, IS_ERR_OR_NULL, type Ptr } from '../../model/memory.js';
import { kfree } from '../../model/slab.js';
import { newThing, ofKind, site, type Thing } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';

function derefOf(p: () => Ptr<Thing>, variant: Variant = v4, type = 'thing->value', field = '') {
  const after: string[] = [];
  const r = runKernel({
    variant,
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          yield;
          k.rd(p(), site('deref_it', 7), type, field);
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

test('a NULL dereference is an oops that ends the execution at once, headed as the kernel of the variant heads it', (t) => {
  const { r, after } = derefOf(() => null);
  t.is(r.outcome.ending, 'fatal');
  t.deepEqual(after, []);
  const oops = ofKind(r, 'null-deref');
  t.is(oops.length, 1);
  t.like(oops[0], {
    title: 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000000',
    object: 'thing->value',
    site: 'deref_it dereferences NULL [deref_it (test/checkers.c:7)]',
    fatal: true,
    actor: 'cpu0',
    step: 1,
  });
  t.deepEqual(oops[0]!.details, ['cpu0 (step 2) dereferences thing->value = NULL in deref_it (test/checkers.c:7)', 'Oops: the CPU stops here; the execution ends.']);
});

test('6.x heads the same oops in its own words', (t) => {
  const { r } = derefOf(() => null, v6_10);
  t.is(ofKind(r, 'null-deref')[0]?.title, 'BUG: kernel NULL pointer dereference, address: 0000000000000000');
});

test('a NULL dereference through a field faults at the offset the era lays the field at', (t) => {
  t.is(ofKind(derefOf(() => null, v4, 'file', 'f_count').r, 'null-deref')[0]?.title, 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000030');
  t.is(ofKind(derefOf(() => null, v6_10, 'file', 'f_count').r, 'null-deref')[0]?.title, 'BUG: kernel NULL pointer dereference, address: 0000000000000018');
  const unknown = ofKind(derefOf(() => null, v4, 'thing', 'value').r, 'null-deref')[0]!;
  t.is(unknown.title, 'BUG: unable to handle kernel NULL pointer dereference at 0000000000000000');
  t.regex(unknown.details[1]!, /offsetof\(struct thing, value\) is not among the facts of this kernel/);
});

test('an ERR_PTR dereference faults at the address the error code makes', (t) => {
  const { r } = derefOf(() => ERR_PTR(-12));
  const oops = ofKind(r, 'null-deref');
  t.is(oops.length, 1);
  t.like(oops[0], {
    title: 'BUG: unable to handle kernel paging request at fffffffffffffff4',
    site: 'deref_it dereferences an ERR_PTR [deref_it (test/checkers.c:7)]',
  });
  t.is(ofKind(derefOf(() => ERR_PTR(-12), v6_10).r, 'null-deref')[0]?.title, 'BUG: unable to handle page fault for address: fffffffffffffff4');
});

test('a dereference of list poison is a general protection fault, at the poison value of the era', (t) => {
  for (const [variant, title] of [
    [v4, 'general protection fault: 0000 [#1] SMP'],
    [v6_10, 'general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] PREEMPT SMP KASAN NOPTI'],
  ] as const) {
    const r = runKernel({
      variant,
      actors: [
        {
          name: 'walker',
          body: function* (k) {
            k.rd(k.poison.LIST_POISON1, site('walk_list'), 'pos->next');
          },
        },
      ],
    });
    t.is(r.outcome.ending, 'fatal');
    t.like(ofKind(r, 'null-deref')[0], { title, site: 'walk_list dereferences list poison [walk_list (test/checkers.c:1)]' });
  }
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
