import test from 'ava';
import type { Kernel } from '../../model/kernel.js';
import { INIT_LIST_HEAD, list_add, list_add_tail, list_del, list_del_init, list_head } from '../../model/list.js';
import { ofKind, site } from '../helpers/checkerKit.js';
import { runKernel } from '../helpers/kernelHarness.js';
import { v4 } from '../../model/variants/v4/index.js';
import { facts_3_x } from '../../model/variants/eras/core-3.8/facts.js';
import { facts_6_x } from '../../model/variants/eras/kernfs/facts.js';

/** A list head and two entries, in static memory (no leak to report). */
function lists(k: Kernel) {
  const mk = (name: string) => new list_head(k.newAllocation('list_node', 0, 'static', null), name, null);
  const head = mk('head');
  INIT_LIST_HEAD(head);
  return { head, a: mk('a'), b: mk('b') };
}

test('list_del of an entry already deleted follows its poisoned pointers (2.6.33): a general protection fault, and the CPU stops', (t) => {
  let after = false;
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { head, a } = lists(k);
          yield* list_add(k, a, head, site('add_it'));
          yield* list_del(k, a, site('del_once', 3));
          t.is(a.next, k.poison.LIST_POISON1);
          yield* list_del(k, a, site('del_twice', 4));
          after = true;
        },
      },
    ],
  });
  const lc = ofKind(r, 'list-corruption');
  t.is(lc.length, 1);
  t.like(lc[0], {
    title: 'general protection fault: 0000 [#1] SMP',
    site: 'del_twice: list_del corruption of list_node [del_twice (test/checkers.c:4)]',
    object: 'list_node',
    actor: 'cpu0',
    step: 3,
    fatal: true,
  });
  t.is(lc[0]!.details[0], 'cpu0 (step 4) deletes a, which is not on a list: its prev is LIST_POISON2 (dead000000200200), so it was deleted before (del_twice (test/checkers.c:4))');
  t.regex(lc[0]!.details[1]!, /dereferences a->prev, a non-canonical address: the CPU stops here/);
  t.is(r.outcome.ending, 'fatal');
  t.false(after, 'nothing runs past the fault');
  t.deepEqual(r.kinds, ['list-corruption']);
});

test('adding an entry that is already on the list is a double add', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { head, a } = lists(k);
          yield* list_add(k, a, head, site('add_it'));
          yield* list_add(k, a, head, site('add_again'));
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'list-corruption').map((f) => f.title),
    ['list_add double add: new=a, prev=head, next=a.'],
  );
});

test('list_add checks that the neighbours still point at each other', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { head, a, b } = lists(k);
          yield* list_add(k, a, head, site('add_a'));
          a.prev = null;
          yield* list_add(k, b, head, site('add_b'));
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'list-corruption').map((f) => f.title),
    ['list_add corruption. next->prev should be prev (head), but was NULL. (next=a).'],
  );
});

test('list_del checks that the neighbours still point back at the entry', (t) => {
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { head, a, b } = lists(k);
          yield* list_add_tail(k, a, head, site('add_a'));
          yield* list_add_tail(k, b, head, site('add_b'));
          head.next = b;
          yield* list_del(k, a, site('del_a'));
        },
      },
    ],
  });
  t.deepEqual(
    ofKind(r, 'list-corruption').map((f) => f.title),
    ['list_del corruption. prev->next should be a, but was b. (prev=head)'],
  );
});

test('well-formed adds, deletes, re-adds and repeated list_del_init are no corruption', (t) => {
  let order = '';
  const r = runKernel({
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { head, a, b } = lists(k);
          yield* list_add(k, a, head, site('add_a'));
          yield* list_add_tail(k, b, head, site('add_b'));
          yield* list_del(k, a, site('del_a'));
          yield* list_add(k, a, head, site('readd_a'));
          yield* list_del_init(k, b, site('del_init_b'));
          yield* list_del_init(k, b, site('del_init_b_again'));
          order = `${(head.next as list_head).name} ${(a.next as list_head).name}`;
        },
      },
    ],
  });
  t.deepEqual(r.kinds, []);
  t.is(order, 'a head');
});

test('where the check looks for the poison first (2.6.37 on), a corrupt list_del is a warning and nothing is unlinked', (t) => {
  const seen: string[] = [];
  const r = runKernel({
    variant: { ...v4, facts: facts_3_x },
    actors: [
      {
        name: 'cpu0',
        body: function* (k) {
          const { head, a } = lists(k);
          yield* list_add(k, a, head, site('add_a'));
          yield* list_del(k, a, site('del_once', 3));
          yield* list_del(k, a, site('del_twice', 4));
          seen.push(a.next === k.poison.LIST_POISON1 ? 'still poisoned' : 'changed', head.next === head ? 'head empty' : 'head changed');
        },
      },
    ],
  });
  const lc = ofKind(r, 'list-corruption');
  t.is(lc.length, 1);
  t.like(lc[0], { title: 'list_del corruption, a->next is LIST_POISON1 (dead000000100100)', fatal: false });
  t.regex(lc[0]!.details.join('\n'), /the list_del is skipped/);
  t.deepEqual(seen, ['still poisoned', 'head empty']);
  t.is(r.outcome.ending, 'complete');
});

test('where list_add is checked for corruption (4.8 on) it is refused; before, it warns and goes on', (t) => {
  for (const [era, facts, expectLinked] of [['3.x', facts_3_x, true], ['6.x', facts_6_x, false]] as const) {
    let linked = false;
    const r = runKernel({
      variant: { ...v4, facts },
      actors: [
        {
          name: 'cpu0',
          body: function* (k) {
            const { head, a } = lists(k);
            yield* list_add(k, a, head, site('add_a'));
            yield* list_add(k, a, head, site('add_a_again', 7));
            linked = head.next === a && a.next === a;
          },
        },
      ],
    });
    t.is(ofKind(r, 'list-corruption').length, 1, era);
    t.is(linked, expectLinked, era);
  }
});
