import type { cgroup } from '../../cgroup/cgroup.js';
import { eventfd_signal } from '../../eventfd.js';
import type { Kernel, KGen } from '../../kernel.js';
import { container_of, list_del, list_next } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { fnSites } from '../../site.js';
import { schedule_work } from '../../workqueue.js';
import { cgroup_event } from './event.js';

const L = fnSites('kernel/cgroup.c', 'cgroup_call_pre_destroy');

/**
 * cgroup_call_pre_destroy() (seed, kernel/cgroup.c:769-795). Called by cgroup_rmdir() in process context,
 * without cgroup_mutex. Runs every subsystem's ->pre_destroy; if all succeed, unlinks every event from the
 * cgroup under event_list_lock, signals its eventfd and queues its removal work.
 */
export function* cgroup_call_pre_destroy(k: Kernel, cgrp: cgroup): KGen<number> {
  let ret = 0;

  out: {
    for (const ss of cgrp.root.subsystems) {
      if (ss.pre_destroy !== undefined) {
        ret = yield* ss.pre_destroy(k, ss, cgrp);
        if (ret) break out;
      }
    }

    yield* spin_lock(k, cgrp.event_list_lock, L(785));
    const head = cgrp.event_list;
    for (let pos = list_next(k, head, L(786)), tmp = list_next(k, pos, L(786)); pos !== head; pos = tmp, tmp = list_next(k, pos, L(786))) {
      const event = container_of(pos, cgroup_event);
      yield* list_del(k, event.list, L(787));
      yield* eventfd_signal(k, k.ptr(k.rd(event, L(788)).eventfd, L(788)), 1, L(788));
      yield* schedule_work(k, event.remove, L(789));
    }
    yield* spin_unlock(k, cgrp.event_list_lock, L(791));
  }
  return ret;
}
