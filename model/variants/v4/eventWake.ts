import type { Kernel, KGen } from '../../kernel.js';
import { list_del } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import type { KObject } from '../../memory.js';
import { fnSites } from '../../site.js';
import { add_wait_queue, POLLHUP, type poll_table, type wait_queue_head_t, type wait_queue_t } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { event_of } from './event.js';

const W = fnSites('kernel/cgroup.c', 'cgroup_event_wake');
const Q = fnSites('kernel/cgroup.c', 'cgroup_event_ptable_queue_proc');

/**
 * cgroup_event_wake() (seed, kernel/cgroup.c:2867-2883): the event's wait function on the eventfd's queue.
 * Called by __wake_up_common() with the eventfd's wqh->lock held and interrupts off. On POLLHUP (the eventfd's
 * last close) it unlinks the event from its cgroup under event_list_lock and queues the removal work.
 */
export function* cgroup_event_wake(k: Kernel, wait: wait_queue_t, mode: number, sync: number, key: number): KGen<number> {
  const event = event_of(wait);
  const cgrp = k.rd(event, W(2872)).cgrp!;
  const flags = key;

  if (flags & POLLHUP) {
    // &cgrp->event_list_lock takes a member's address and reads nothing: spin_lock's write of the lock word is
    // the first touch of cgrp here (a freed cgroup is caught there, in spin_lock's step).
    yield* spin_lock(k, cgrp.event_list_lock, W(2876));
    yield* list_del(k, event.list, W(2877));
    yield* spin_unlock(k, cgrp.event_list_lock, W(2878));
    yield* schedule_work(k, event.remove, W(2879));
  }
  return 0;
}

/**
 * cgroup_event_ptable_queue_proc() (seed, kernel/cgroup.c:2885-2893): the poll table's queue function. The
 * eventfd's ->poll hands it its wait queue; it remembers the queue and adds the event's entry to it.
 */
export function* cgroup_event_ptable_queue_proc(k: Kernel, f: KObject, wqh: wait_queue_head_t, pt: poll_table): KGen {
  const event = pt.owner as ReturnType<typeof event_of>;
  k.wr(event, Q(2891)).wqh = wqh;
  yield* add_wait_queue(k, wqh, event.wait, Q(2892));
}
