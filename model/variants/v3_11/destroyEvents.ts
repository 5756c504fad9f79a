import type { cgroup } from '../../cgroup/cgroup.js';
import type { Kernel, KGen } from '../../kernel.js';
import { container_of, list_del_init, list_next } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { schedule_work } from '../../workqueue.js';
import { cgroup_event } from '../v4/event.js';

const L = fnSites('versions.md', 'cgroup_destroy_locked');

/**
 * The event teardown of 3.11's cgroup_destroy_locked() (versions.md section 4, lines 511-524): under cgroup_mutex
 * and event_list_lock, each event is detached (list_del_init) and its removal queued; the removal takes it off the
 * eventfd's queue and signals it. Process context.
 */
export function* cgroup_destroy_events(k: Kernel, cgrp: cgroup): KGen {
  yield* spin_lock(k, cgrp.event_list_lock, L(518));
  const head = cgrp.event_list;
  for (let pos = list_next(k, head, L(519)), tmp = list_next(k, pos, L(519)); pos !== head; pos = tmp, tmp = list_next(k, pos, L(519))) {
    const event = container_of(pos, cgroup_event);
    yield* list_del_init(k, event.list, L(520));
    yield* schedule_work(k, event.remove, L(521));
  }
  yield* spin_unlock(k, cgrp.event_list_lock, L(523));
}
