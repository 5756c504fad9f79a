import type { Kernel, KGen } from '../../kernel.js';
import { list_del_init } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { __remove_wait_queue, POLLHUP, type wait_queue_t } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { event_of } from '../v4/event.js';

const W = fnSites('versions.md', 'cgroup_event_wake');

/**
 * cgroup_event_wake() of 3.8 [RECON: versions.md section 3, lines 423-424, "as in 2c", with list_del_init,
 * which the description allows and which goes with rmdir's list_del_init]. Called on POLLHUP with wqh->lock
 * held and interrupts disabled.
 */
export function* cgroup_event_wake(k: Kernel, wait: wait_queue_t, mode: number, sync: number, key: number): KGen<number> {
  const event = event_of(wait);
  const cgrp = k.rd(event, W(423)).cgrp!;
  if (key & POLLHUP) {
    yield* __remove_wait_queue(k, k.rd(event, W(423)).wqh!, event.wait, W(423));
    yield* spin_lock(k, cgrp.event_list_lock, W(423));
    yield* list_del_init(k, event.list, W(424));
    yield* spin_unlock(k, cgrp.event_list_lock, W(424));
    yield* schedule_work(k, event.remove, W(424));
  }
  return 0;
}
