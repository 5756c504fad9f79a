import type { Kernel, KGen } from './kernel.js';
import { container_of, INIT_LIST_HEAD, list_add, list_del, list_empty, list_head, list_next } from './list.js';
import { spin_lock_init, spin_lock_irqsave, spin_unlock_irqrestore, spinlock_t } from './locking/spinlock.js';
import { KObject, type Allocation } from './memory.js';
import { at, type Site } from './site.js';

export const POLLIN = 0x0001;
export const POLLOUT = 0x0004;
export const POLLERR = 0x0008;
export const POLLHUP = 0x0010;
export const TASK_NORMAL = 3;

/** A wake function: called by __wake_up_common() with the queue's lock held and interrupts off. */
export type wait_queue_func_t = (k: Kernel, wait: wait_queue_t, mode: number, sync: number, key: number) => KGen<number>;

/** wait_queue_head_t: a spinlock (irq-safe: wakeups come from interrupts) and a list of entries. */
export class wait_queue_head_t extends KObject {
  readonly lock: spinlock_t;
  readonly task_list: list_head;

  constructor(mem: Allocation, name: string, lockClass: string) {
    super(mem, name);
    this.lock = spin_lock_init(mem, `${name}.lock`, lockClass);
    this.task_list = new list_head(mem, `${name}.task_list`, this);
  }
}

/** wait_queue_t: a wake function and a list_head, embedded in whatever waits (a cgroup_event). */
export class wait_queue_t extends KObject {
  func: wait_queue_func_t | null = null;
  flags = 0;
  readonly task_list: list_head;

  constructor(mem: Allocation, name: string) {
    super(mem, name);
    this.task_list = new list_head(mem, `${name}.task_list`, this);
  }
}

/** init_waitqueue_head(): `lockClass` is the init site's lockdep class (`&ctx->wqh`). */
export function init_waitqueue_head(q: wait_queue_head_t): void {
  INIT_LIST_HEAD(q.task_list);
}

export function init_waitqueue_func_entry(wait: wait_queue_t, func: wait_queue_func_t): void {
  wait.flags = 0;
  wait.func = func;
}

/*
 * The small primitives below label their steps with the caller's line (`site`): a step is shown as the line of
 * the code under review that caused it, and a bug inside remove_wait_queue() called from line N is the bug of
 * line N whichever of its steps trips over it.
 */
const L_common = at('kernel/sched.c', '__wake_up_common');

/** Takes `q->lock` irqsave. Any context. */
export function* add_wait_queue(k: Kernel, q: wait_queue_head_t, wait: wait_queue_t, site: Site): KGen {
  const flags = yield* spin_lock_irqsave(k, k.rd(q, site).lock, site);
  yield* list_add(k, wait.task_list, q.task_list, site);
  yield* spin_unlock_irqrestore(k, q.lock, flags, site);
}

/** Takes `q->lock` irqsave. Any context. */
export function* remove_wait_queue(k: Kernel, q: wait_queue_head_t, wait: wait_queue_t, site: Site): KGen {
  const flags = yield* spin_lock_irqsave(k, k.rd(q, site).lock, site);
  yield* list_del(k, wait.task_list, site);
  yield* spin_unlock_irqrestore(k, q.lock, flags, site);
}

/** The caller holds `q->lock`. */
export function* __remove_wait_queue(k: Kernel, q: wait_queue_head_t, wait: wait_queue_t, site: Site): KGen {
  k.rd(q, site);
  yield* list_del(k, wait.task_list, site);
}

export function waitqueue_active(k: Kernel, q: wait_queue_head_t, site: Site): boolean {
  return !list_empty(k, q.task_list, site);
}

/**
 * __wake_up_common(): calls every entry's function; the caller holds `q->lock` with interrupts off. The walk
 * is list_for_each_entry_safe(), so a function may delete its own entry, but not another one.
 */
function* __wake_up_common(k: Kernel, q: wait_queue_head_t, mode: number, key: number): KGen {
  const head = q.task_list;
  for (let pos = list_next(k, head, L_common), n = list_next(k, pos, L_common); pos !== head; pos = n, n = list_next(k, pos, L_common)) {
    const curr = container_of(pos, wait_queue_t);
    yield k.op('wake function', curr, L_common);
    const func = k.rd(curr, L_common).func;
    if (func !== null) yield* func(k, curr, mode, 0, key);
  }
}

/** wake_up_poll(): takes `q->lock` irqsave and wakes every entry with `key`. Any context. */
export function* wake_up_poll(k: Kernel, q: wait_queue_head_t, key: number, site: Site): KGen {
  const flags = yield* spin_lock_irqsave(k, k.rd(q, site).lock, site);
  yield* __wake_up_common(k, q, TASK_NORMAL, key);
  yield* spin_unlock_irqrestore(k, q.lock, flags, site);
}

/** wake_up_locked_poll(): the caller holds `q->lock`. */
export function* wake_up_locked_poll(k: Kernel, q: wait_queue_head_t, key: number, site: Site): KGen {
  k.rd(q, site);
  yield* __wake_up_common(k, q, TASK_NORMAL, key);
}

/** poll_table: the queue function a ->poll() method hands its wait queue to. */
export type poll_queue_proc = (k: Kernel, file: KObject, q: wait_queue_head_t, pt: poll_table) => KGen;

export class poll_table {
  qproc: poll_queue_proc | null = null;
  constructor(readonly owner: KObject) {}
}

export function init_poll_funcptr(pt: poll_table, qproc: poll_queue_proc): void {
  pt.qproc = qproc;
}

/** poll_wait(): hands the queue to the poll table's queue function, if any. */
export function* poll_wait(k: Kernel, file: KObject, q: wait_queue_head_t, pt: poll_table | null): KGen {
  if (pt !== null && pt.qproc !== null) yield* pt.qproc(k, file, q, pt);
}
