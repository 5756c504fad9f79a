import type { cgroup } from '../../cgroup/cgroup.js';
import { eventfd_signal } from '../../eventfd.js';
import type { Kernel, KGen } from '../../kernel.js';
import { container_of, list_del, list_next } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { remove_wait_queue } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { cgroup_event } from '../v4/event.js';

const L = fnSites('versions.md', 'cgroup_rmdir');

/**
 * The event teardown 2.6.34 moved into cgroup_rmdir() (versions.md 2c, lines 398-415): once the directory is
 * gone, under cgroup_mutex and event_list_lock, each event is unlinked, taken off its eventfd's queue, signalled
 * and its removal queued. Process context.
 */
export function* cgroup_rmdir_events(k: Kernel, cgrp: cgroup): KGen {
  yield* spin_lock(k, cgrp.event_list_lock, L(404));
  const head = cgrp.event_list;
  for (let pos = list_next(k, head, L(405)), tmp = list_next(k, pos, L(405)); pos !== head; pos = tmp, tmp = list_next(k, pos, L(405))) {
    const event = container_of(pos, cgroup_event);
    yield* list_del(k, event.list, L(406));
    yield* remove_wait_queue(k, k.rd(event, L(407)).wqh!, event.wait, L(407));
    yield* eventfd_signal(k, k.ptr(event.eventfd, L(408)), 1, L(408));
    yield* schedule_work(k, event.remove, L(409));
  }
  yield* spin_unlock(k, cgrp.event_list_lock, L(411));
}
