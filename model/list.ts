import type { Kernel, KGen } from './kernel.js';
import { KObject, type Allocation } from './memory.js';
import { Poison, type ListNode } from './probes.js';
import type { Site } from './site.js';

/** What list_del() leaves in a deleted entry's pointers: the era's include/linux/poison.h values (KernelFacts). */
export interface ListPoison {
  readonly LIST_POISON1: Poison;
  readonly LIST_POISON2: Poison;
}

export function list_poison(values: { readonly LIST_POISON1: string; readonly LIST_POISON2: string }): ListPoison {
  return { LIST_POISON1: new Poison('LIST_POISON1', values.LIST_POISON1), LIST_POISON2: new Poison('LIST_POISON2', values.LIST_POISON2) };
}

/**
 * struct list_head, embedded in the struct that owns it (`container`, for container_of). Its memory is the
 * container's block, so touching a list_head of a freed struct is a use-after-free of that struct.
 */
export class list_head extends KObject implements ListNode {
  next: list_head | Poison | null = null;
  prev: list_head | Poison | null = null;

  constructor(
    mem: Allocation,
    name: string,
    readonly container: KObject | null,
  ) {
    super(mem, name);
  }
}

/** INIT_LIST_HEAD() on memory nobody else can see yet: no step of its own. */
export function INIT_LIST_HEAD(h: list_head): void {
  h.next = h;
  h.prev = h;
}

/** container_of(): the struct a list_head is embedded in, checked to be of the expected type. */
export function container_of<T extends KObject>(node: list_head, type: abstract new (...args: never[]) => T): T {
  const c = node.container;
  if (!(c instanceof type)) throw new Error(`container_of(${node.name}): not embedded in a ${type.name}`);
  return c;
}

function node(k: Kernel, p: list_head | Poison | null, site: Site, write: boolean): list_head {
  return write ? k.wr(p, site, 'list_head') : k.rd(p, site, 'list_head');
}

/** __list_add(): DEBUG_LIST validates first, and may refuse a corrupt insertion. */
function __list_add(k: Kernel, entry: list_head, prev: list_head, next: list_head, site: Site): void {
  k.wr(entry, site);
  if (!k.probes.listAdd(entry, prev, next, site)) return;
  node(k, next, site, true).prev = entry;
  entry.next = next;
  entry.prev = prev;
  node(k, prev, site, true).next = entry;
}

export function* list_add(k: Kernel, entry: list_head, head: list_head, site: Site): KGen {
  yield k.op('list_add', entry, site);
  const h = k.rd(head, site);
  __list_add(k, entry, h, node(k, h.next, site, false), site);
}

export function* list_add_tail(k: Kernel, entry: list_head, head: list_head, site: Site): KGen {
  yield k.op('list_add_tail', entry, site);
  const h = k.rd(head, site);
  __list_add(k, entry, node(k, h.prev, site, false), h, site);
}

/** Unlinks `entry`, unless DEBUG_LIST refuses it as corrupt (it was reported, nothing changes). */
function __list_del_entry(k: Kernel, entry: list_head, site: Site): void {
  const e = k.wr(entry, site);
  if (!k.probes.listDel(e, site)) return;
  const next = node(k, e.next, site, true);
  const prev = node(k, e.prev, site, true);
  next.prev = prev;
  prev.next = next;
}

/** Deletes and poisons the entry, so a second list_del() of it is caught. */
export function* list_del(k: Kernel, entry: list_head, site: Site): KGen {
  yield k.op('list_del', entry, site);
  __list_del_entry(k, entry, site);
  entry.next = k.poison.LIST_POISON1;
  entry.prev = k.poison.LIST_POISON2;
}

/** Deletes and re-initialises the entry, so list_empty() on it is true afterwards. */
export function* list_del_init(k: Kernel, entry: list_head, site: Site): KGen {
  yield k.op('list_del_init', entry, site);
  __list_del_entry(k, entry, site);
  INIT_LIST_HEAD(entry);
}

/** A read of `head->next`, within the current step. */
export function list_empty(k: Kernel, head: list_head, site: Site): boolean {
  return k.rd(head, site).next === head;
}

/** `pos->next`, read within the current step: the cursor of list_for_each_entry_safe(). */
export function list_next(k: Kernel, pos: list_head | Poison | null, site: Site): list_head {
  return node(k, k.rd(pos, site).next, site, false);
}

/** Moves every entry of `list` to the front of `head` and re-initialises `list`. */
export function* list_splice_init(k: Kernel, list: list_head, head: list_head, site: Site): KGen {
  yield k.op('list_splice_init', list, site);
  const l = k.wr(list, site);
  if (l.next === l) return;
  const first = node(k, l.next, site, true);
  const last = node(k, l.prev, site, true);
  const h = k.wr(head, site);
  const at = node(k, h.next, site, true);
  first.prev = h;
  h.next = first;
  last.next = at;
  at.prev = last;
  INIT_LIST_HEAD(l);
}
