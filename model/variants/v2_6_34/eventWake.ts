import type { Kernel, KGen } from '../../kernel.js';
import { list_del } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { __remove_wait_queue, POLLHUP, type wait_queue_t } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { event_of } from '../v4/event.js';

const W = fnSites('versions.md', 'cgroup_event_wake');

/**
 * cgroup_event_wake() of 2.6.34 to 3.7 (versions.md 2c, lines 332-353). Called on POLLHUP with wqh->lock held
 * and interrupts disabled. Now it takes its own entry off the eventfd's queue first (it may: the walk is the
 * _safe one, and it holds the lock), then unlinks the event from its cgroup and queues the removal.
 */
export function* cgroup_event_wake(k: Kernel, wait: wait_queue_t, mode: number, sync: number, key: number): KGen<number> {
  const event = event_of(wait);
  const cgrp = k.rd(event, W(337)).cgrp!;
  const flags = key;

  if (flags & POLLHUP) {
    yield* __remove_wait_queue(k, k.rd(event, W(341)).wqh!, event.wait, W(341));
    yield* spin_lock(k, cgrp.event_list_lock, W(342));
    yield* list_del(k, event.list, W(343));
    yield* spin_unlock(k, cgrp.event_list_lock, W(344));
    // Atomic context here, and cgroup_event_remove() may sleep: it runs from the workqueue.
    yield* schedule_work(k, event.remove, W(349));
  }
  return 0;
}
