import { list_del_init, list_empty } from '../../list.js';
import type { Kernel, KGen } from '../../kernel.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import type { KObject } from '../../memory.js';
import { fnSites } from '../../site.js';
import { add_wait_queue, POLLHUP, type poll_table, type wait_queue_head_t, type wait_queue_t } from '../../wait.js';
import { schedule_work } from '../../workqueue.js';
import { memcg_event_of, type mem_cgroup_event } from './event.js';

const W = fnSites('versions.md', 'memcg_event_wake');
const Q = fnSites('mm/memcontrol.c', 'memcg_event_ptable_queue_proc');

/**
 * memcg_event_wake() (versions.md section 6, lines 579-597). Gets called on EPOLLHUP when the user closes the
 * eventfd, with wqh->lock held and interrupts disabled; as 3.11's, on the memcg's list.
 */
export function* memcg_event_wake(k: Kernel, wait: wait_queue_t, mode: number, sync: number, key: number): KGen<number> {
  const event = memcg_event_of(wait);
  const memcg = k.rd(event, W(584)).memcg!;
  if (key & POLLHUP) {
    yield* spin_lock(k, memcg.event_list_lock!, W(589));
    if (!list_empty(k, event.list, W(590))) {
      yield* list_del_init(k, event.list, W(591));
      yield* schedule_work(k, event.remove, W(592));
    }
    yield* spin_unlock(k, memcg.event_list_lock!, W(594));
  }
  return 0;
}

/** memcg_event_ptable_queue_proc() (not quoted; as the seed's queue function): remember the queue, join it. */
export function* memcg_event_ptable_queue_proc(k: Kernel, f: KObject, wqh: wait_queue_head_t, pt: poll_table): KGen {
  const event = pt.owner as mem_cgroup_event;
  k.wr(event, Q()).wqh = wqh;
  yield* add_wait_queue(k, wqh, event.wait, Q());
}
