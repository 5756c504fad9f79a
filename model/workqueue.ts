import type { Waitable } from '../sim/actor.js';
import type { Kernel, KGen } from './kernel.js';
import { container_of, INIT_LIST_HEAD, list_add_tail, list_del_init, list_empty, list_head } from './list.js';
import { spin_lock_init, spin_lock_irq, spin_lock_irqsave, spin_unlock_irq, spin_unlock_irqrestore, type spinlock_t } from './locking/spinlock.js';
import { KObject, type Allocation } from './memory.js';
import { at, type Site } from './site.js';

/** A work function: runs in a kworker, in process context, with nothing held. */
export type work_func_t = (k: Kernel, work: work_struct) => KGen;

/** struct work_struct, embedded in its owner (a cgroup_event's `remove`). `pending` is WORK_STRUCT_PENDING. */
export class work_struct extends KObject {
  pending = false;
  func: work_func_t | null = null;
  readonly entry: list_head;

  constructor(mem: Allocation, name: string) {
    super(mem, name);
    this.entry = new list_head(mem, `${name}.entry`, this);
  }
}

export function INIT_WORK(work: work_struct, func: work_func_t): void {
  work.pending = false;
  work.func = func;
  INIT_LIST_HEAD(work.entry);
}

/**
 * The system workqueue (keventd), one queue shared by the kworker actors. `running` counts kworkers between
 * taking a work item off the list and its function returning, so a flush knows when the queue is drained.
 */
export class workqueue_struct extends KObject {
  readonly lock: spinlock_t;
  readonly worklist: list_head;
  running = 0;
  /** A kworker with nothing to do parks here; an idle kworker does not keep the execution alive. */
  readonly more_work: Waitable;
  /** flush_scheduled_work() waits here. */
  readonly drained: Waitable;

  constructor(mem: Allocation) {
    super(mem, 'system_wq');
    this.lock = spin_lock_init(mem, 'system_wq.cwq->lock', '&cwq->lock');
    this.worklist = new list_head(mem, 'system_wq.worklist', this);
    INIT_LIST_HEAD(this.worklist);
    // What ready() reads: the work list, and the count of works running.
    const deps = [this.worklist.key, this.key];
    this.more_work = {
      idle: true,
      deps,
      ready: () => this.worklist.next !== this.worklist,
      describe: () => 'worker_thread() sleeps until work is queued',
    };
    this.drained = {
      deps,
      ready: () => this.worklist.next === this.worklist && this.running === 0,
      describe: () => 'flush_scheduled_work() waits for queued and running work',
    };
  }
}

const L_worker = at('kernel/workqueue.c', 'worker_thread');
const L_run = at('kernel/workqueue.c', 'run_workqueue');

/**
 * schedule_work() → queue_work(): false when the work is already pending (test_and_set_bit of PENDING),
 * otherwise queues it and returns true. Any context; never sleeps.
 */
export function* schedule_work(k: Kernel, work: work_struct, site: Site): KGen<boolean> {
  yield k.op('schedule_work', work, site);
  const w = k.wr(work, site);
  if (w.pending) return false;
  w.pending = true;
  const wq = k.s.system_wq;
  const flags = yield* spin_lock_irqsave(k, wq.lock, site);
  yield* list_add_tail(k, work.entry, wq.worklist, site);
  yield* spin_unlock_irqrestore(k, wq.lock, flags, site);
  return true;
}

/**
 * A kworker: sleeps until work is queued, takes the first item, clears PENDING before calling its function
 * (so the function may queue the same work again), runs it in process context. Never returns.
 */
export function* worker_thread(k: Kernel): KGen {
  const wq = k.s.system_wq;
  for (;;) {
    yield k.op('wait for work', wq, L_worker, wq.more_work);
    yield* spin_lock_irq(k, wq.lock, L_run);
    while (!list_empty(k, wq.worklist, L_run)) {
      const work = container_of(wq.worklist.next as list_head, work_struct);
      const f = k.rd(work, L_run).func;
      yield* list_del_init(k, work.entry, L_run);
      k.wr(wq, L_run).running++;
      yield* spin_unlock_irq(k, wq.lock, L_run);
      yield k.op('work_clear_pending', work, L_run);
      k.wr(work, L_run).pending = false;
      if (f !== null) yield* f(k, work);
      k.wr(wq, L_run).running--;
      // cond_resched() between two works (as process_one_work() has it): a work that keeps being queued
      // again does not lock the kworker's CPU up by itself.
      k.may_schedule();
      yield* spin_lock_irq(k, wq.lock, L_run);
    }
    yield* spin_unlock_irq(k, wq.lock, L_run);
  }
}

/** flush_scheduled_work(): waits until nothing is queued or running. Process context: may sleep. */
export function* flush_scheduled_work(k: Kernel, site: Site): KGen {
  k.might_sleep(site, 'flush_scheduled_work');
  const wq = k.s.system_wq;
  yield k.op('flush_scheduled_work', wq, site, wq.drained);
}
