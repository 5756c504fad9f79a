import type { cgroup } from '../../cgroup/cgroup.js';
import type { Kernel, KGen } from '../../kernel.js';
import { container_of, list_del_init, list_next } from '../../list.js';
import { spin_lock_irq, spin_unlock_irq } from '../../locking/spinlock.js';
import { mem_cgroup_from_cont } from '../../memcg/memcontrol.js';
import { fnSites } from '../../site.js';
import { schedule_work } from '../../workqueue.js';
import { mem_cgroup_event } from './event.js';

/**
 * 6.10 has these lines in mm/memcontrol.c's mem_cgroup_css_offline(); versions.md section 6 quotes them from 6.11,
 * where they moved into memcg1_css_offline() in mm/memcontrol-v1.c (lines 683-693).
 */
const L = fnSites('versions.md', 'mem_cgroup_css_offline');

/**
 * mem_cgroup_css_offline(), its events part: at the css's offline, run from the workqueue once rmdir killed the
 * css, every event is detached and its removal queued, under the irq-safe event_list_lock. The variant's
 * cgroup_rmdir_events, which the memcg's offline calls.
 */
export function* mem_cgroup_css_offline(k: Kernel, cgrp: cgroup): KGen {
  const memcg = mem_cgroup_from_cont(k, cgrp, L(687))!;
  // &memcg->event_list_lock reads no memory (spin_lock_irq's lock word is the first access), but a NULL memcg (a
  // css released before its offline) still faults here, at the member's offset.
  const lock = k.ptr(memcg, L(687), 'mem_cgroup', 'event_list_lock').event_list_lock!;
  yield* spin_lock_irq(k, lock, L(687));
  const head = memcg.event_list!;
  for (let pos = list_next(k, head, L(688)), tmp = list_next(k, pos, L(688)); pos !== head; pos = tmp, tmp = list_next(k, pos, L(688))) {
    const event = container_of(pos, mem_cgroup_event);
    yield* list_del_init(k, event.list, L(689));
    yield* schedule_work(k, event.remove, L(690));
  }
  yield* spin_unlock_irq(k, lock, L(692));
}
