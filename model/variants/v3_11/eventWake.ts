import type { Kernel, KGen } from '../../kernel.js';
import { list_del_init, list_empty } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { POLLHUP, type wait_queue_t } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { event_of } from '../v4/event.js';

const W = fnSites('versions.md', 'cgroup_event_wake');

/**
 * cgroup_event_wake() of 3.11 (versions.md section 4, lines 467-493). Called on POLLHUP with wqh->lock held and
 * interrupts disabled. An event rmdir already detached (its list entry re-initialised) is left alone: rmdir queued
 * its removal, which takes the entry off this queue, and it needs wqh->lock for that, which this holds.
 */
export function* cgroup_event_wake(k: Kernel, wait: wait_queue_t, mode: number, sync: number, key: number): KGen<number> {
  const event = event_of(wait);
  const cgrp = k.rd(event, W(470)).cgrp!;
  if (key & POLLHUP) {
    yield* spin_lock(k, cgrp.event_list_lock, W(481));
    if (!list_empty(k, event.list, W(482))) {
      yield* list_del_init(k, event.list, W(483));
      yield* schedule_work(k, event.remove, W(488));
    }
    yield* spin_unlock(k, cgrp.event_list_lock, W(490));
  }
  return 0;
}
