import type { cgroup } from '../../cgroup/cgroup.js';
import { eventfd_signal } from '../../eventfd.js';
import type { Kernel, KGen } from '../../kernel.js';
import { container_of, INIT_LIST_HEAD, list_del_init, list_head, list_next, list_splice_init } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { remove_wait_queue } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { cgroup_event } from '../v4/event.js';

const L = fnSites('versions.md', 'cgroup_rmdir');

/**
 * The event teardown of 3.8's cgroup_rmdir() [RECON: versions.md section 3 describes it, lines 419-422; no text
 * of the code is quoted]: under event_list_lock the whole list is spliced onto a list of its own; then, without
 * the lock, each event is unlinked (list_del_init), taken off its eventfd's queue, signalled, and its removal
 * queued. Process context, under cgroup_mutex.
 */
export function* cgroup_rmdir_events(k: Kernel, cgrp: cgroup): KGen {
  // tmp_list lives on rmdir's stack: memory only this CPU can name.
  const tmp_list = new list_head(k.newAllocation('list_head', 16, 'static', null), 'cgroup_rmdir.tmp_list', null);
  INIT_LIST_HEAD(tmp_list);
  yield* spin_lock(k, cgrp.event_list_lock, L(420));
  yield* list_splice_init(k, cgrp.event_list, tmp_list, L(420));
  yield* spin_unlock(k, cgrp.event_list_lock, L(420));
  for (let pos = list_next(k, tmp_list, L(421)), tmp = list_next(k, pos, L(421)); pos !== tmp_list; pos = tmp, tmp = list_next(k, pos, L(421))) {
    const event = container_of(pos, cgroup_event);
    yield* list_del_init(k, event.list, L(421));
    yield* remove_wait_queue(k, k.rd(event, L(422)).wqh!, event.wait, L(422));
    yield* eventfd_signal(k, k.ptr(event.eventfd, L(422)), 1, L(422));
    yield* schedule_work(k, event.remove, L(422));
  }
}
