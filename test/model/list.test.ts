import test from 'ava';
import type { Kernel } from '../../model/kernel.js';
import {
  container_of,
  INIT_LIST_HEAD,
  list_add,
  list_add_tail,
  list_del,
  list_del_init,
  list_empty,
  list_head,
  list_next,
  list_splice_init,
} from '../../model/list.js';
import { KObject, type Allocation } from '../../model/memory.js';
import { runOne, staticMem, T } from '../helpers/modelFixtures.js';

/** A struct with an embedded list_head, each in its own block. */
class item extends KObject {
  readonly link: list_head;
  constructor(mem: Allocation) {
    super(mem, mem.name);
    this.link = new list_head(mem, `${mem.name}.link`, this);
  }
}

function newItem(k: Kernel): item {
  return new item(staticMem(k, 'item'));
}

function newHead(k: Kernel, name = 'head'): list_head {
  const h = new list_head(staticMem(k, name), name, null);
  INIT_LIST_HEAD(h);
  return h;
}

/** The list, walked forwards with list_next and backwards through prev, as item names. */
function walk(k: Kernel, head: list_head): { fwd: string[]; back: string[] } {
  const fwd: string[] = [];
  for (let p = list_next(k, head, T); p !== head; p = list_next(k, p, T)) fwd.push(container_of(p, item).name);
  const back: string[] = [];
  for (let p = head.prev as list_head; p !== head; p = p.prev as list_head) back.push(container_of(p, item).name);
  return { fwd, back };
}

test('list_add inserts at the front and list_add_tail at the back', (t) => {
  let order: { fwd: string[]; back: string[] } | null = null;
  runOne(function* (k) {
    const head = newHead(k);
    const [a, b, c] = [newItem(k), newItem(k), newItem(k)];
    yield* list_add_tail(k, a.link, head, T);
    yield* list_add_tail(k, b.link, head, T);
    yield* list_add(k, c.link, head, T);
    order = walk(k, head);
  });
  t.deepEqual(order, { fwd: ['item#3', 'item#1', 'item#2'], back: ['item#2', 'item#1', 'item#3'] });
});

test('list_next walks every entry once and comes back to the head', (t) => {
  const visited: string[] = [];
  runOne(function* (k) {
    const head = newHead(k);
    for (let i = 0; i < 3; i++) yield* list_add_tail(k, newItem(k).link, head, T);
    let p = list_next(k, head, T);
    for (let i = 0; i < 4; i++, p = list_next(k, p, T)) visited.push(p === head ? 'head' : container_of(p, item).name);
  });
  t.deepEqual(visited, ['item#1', 'item#2', 'item#3', 'head']);
});

test('list_del unlinks the entry and poisons its pointers', (t) => {
  const seen: unknown[] = [];
  const { kinds } = runOne(function* (k) {
    const head = newHead(k);
    const [a, b] = [newItem(k), newItem(k)];
    yield* list_add_tail(k, a.link, head, T);
    yield* list_add_tail(k, b.link, head, T);
    yield* list_del(k, a.link, T);
    seen.push(a.link.next === k.poison.LIST_POISON1, a.link.prev === k.poison.LIST_POISON2, walk(k, head).fwd, walk(k, head).back);
  });
  t.deepEqual(seen, [true, true, ['item#2'], ['item#2']]);
  t.deepEqual(kinds, []);
});

test('a second list_del of the same entry follows the poison (2.6.33): list-corruption, and the CPU stops there', (t) => {
  const seen: unknown[] = [];
  const { outcome, kinds } = runOne(function* (k) {
    const head = newHead(k);
    const [a, b] = [newItem(k), newItem(k)];
    yield* list_add_tail(k, a.link, head, T);
    yield* list_add_tail(k, b.link, head, T);
    yield* list_del(k, a.link, T);
    seen.push(a.link.next === k.poison.LIST_POISON1, walk(k, head).fwd, walk(k, head).back);
    yield* list_del(k, a.link, T);
    seen.push('after');
  });
  t.deepEqual(kinds, ['list-corruption']);
  t.is(outcome.ending, 'fatal');
  t.is(outcome.findings[0]!.title, 'general protection fault: 0000 [#1] SMP');
  t.regex(outcome.findings[0]!.details[0]!, /its prev is LIST_POISON2 \(dead000000200200\)/);
  t.deepEqual(seen, [true, ['item#2'], ['item#2']]);
});

test('list_add of an entry that is already next to the insertion point is reported as a double add, and goes on as 2.6.33 does', (t) => {
  const seen: boolean[] = [];
  const { kinds } = runOne(function* (k) {
    const head = newHead(k);
    const a = newItem(k);
    yield* list_add(k, a.link, head, T);
    yield* list_add(k, a.link, head, T);
    // The warning does not stop the insertion: the entry now points at itself.
    seen.push(a.link.next === a.link, head.next === a.link);
  });
  t.deepEqual(kinds, ['list-corruption']);
  t.deepEqual(seen, [true, true]);
});

test('list_del_init unlinks the entry and leaves it an empty list of its own', (t) => {
  const seen: unknown[] = [];
  const { kinds } = runOne(function* (k) {
    const head = newHead(k);
    const a = newItem(k);
    yield* list_add(k, a.link, head, T);
    seen.push(list_empty(k, a.link, T));
    yield* list_del_init(k, a.link, T);
    seen.push(list_empty(k, a.link, T), list_empty(k, head, T));
    // Re-initialised, not poisoned: deleting it again is harmless.
    yield* list_del_init(k, a.link, T);
  });
  t.deepEqual(seen, [false, true, true]);
  t.deepEqual(kinds, []);
});

test('list_splice_init moves every entry to the front of the other list and empties the source', (t) => {
  const seen: unknown[] = [];
  runOne(function* (k) {
    const src = newHead(k, 'src');
    const dst = newHead(k, 'dst');
    const [a, b, c] = [newItem(k), newItem(k), newItem(k)];
    yield* list_add_tail(k, a.link, src, T);
    yield* list_add_tail(k, b.link, src, T);
    yield* list_add_tail(k, c.link, dst, T);
    yield* list_splice_init(k, src, dst, T);
    seen.push(walk(k, dst), list_empty(k, src, T));
  });
  t.deepEqual(seen, [{ fwd: ['item#1', 'item#2', 'item#3'], back: ['item#3', 'item#2', 'item#1'] }, true]);
});

test('list_next from a deleted entry dereferences LIST_POISON1: a fatal oops', (t) => {
  const { outcome, kinds } = runOne(function* (k) {
    const head = newHead(k);
    const a = newItem(k);
    yield* list_add(k, a.link, head, T);
    yield* list_del(k, a.link, T);
    list_next(k, a.link, T);
  });
  t.is(outcome.ending, 'fatal');
  t.deepEqual(kinds, ['null-deref']);
  t.is(outcome.findings[0]!.title, 'general protection fault: 0000 [#1] SMP');
  t.regex(outcome.findings[0]!.details[0]!, /= LIST_POISON1 in/);
});
