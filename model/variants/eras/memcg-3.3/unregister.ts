import type { unregister_event_t } from '../../../cgroup/cgroup.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import { at } from '../../../site.js';
import { kfree } from '../../../slab.js';
import { mem_cgroup_from_cont, mem_cgroup_usage } from '../../../memcg/memcontrol.js';
import { __mem_cgroup_threshold } from '../../../memcg/thresholdCheck.js';
import { currentThresholdOf, writeEntries } from '../memcg-spare/array.js';

/*
 * The never-failing unregister as 3.3 to 5.6 had it. [RECON: versions.md section 7-8, "The shape of each era",
 * describes it from memory of the sources and marks it so; the order of the steps below is that description's.]
 * Against the current text (versions.md 4c) it has the `!thresholds->primary` exit but counts only the entries
 * that stay: there is no exit for an eventfd with no entry, so such a call copies the whole array into the spare
 * buffer, whatever that is (NULL right after the first registration; smaller than the array after any
 * registration). And when nothing stays, the old primary is freed at swap_buffers while it is still published,
 * before rcu_assign_pointer() and synchronize_rcu(): a charge inside __mem_cgroup_threshold() may hold it.
 */

const L = at('mm/memcontrol.c', 'mem_cgroup_usage_unregister_event');

/**
 * cftype->unregister_event of memory.usage_in_bytes in 3.x (the code is in the callback itself; 3.14 split it
 * into __mem_cgroup_usage_unregister_event()): removes every entry of `eventfd`. Process context: takes a mutex
 * and waits for RCU; returns nothing in the C (the model's 0).
 */
export const mem_cgroup_usage_unregister_event: unregister_event_t = function* mem_cgroup_usage_unregister_event(k, cgrp, _cft, eventfd, _site) {
  k.might_sleep(L, 'mem_cgroup_usage_unregister_event');
  const memcg = k.rd(mem_cgroup_from_cont(k, cgrp, L), L, 'mem_cgroup', 'thresholds_lock');
  yield* mutex_lock(k, memcg.thresholds_lock, L);
  unlock: {
    const primary = k.rd(memcg, L).thresholds;
    if (primary === null) break unlock;
    const usage = mem_cgroup_usage(k, memcg, L);
    // A threshold may have been crossed since the last check: signal it before removing any.
    yield* __mem_cgroup_threshold(k, memcg);
    // The entries that stay (`size`); the removed ones are not counted.
    const kept = k.rd(primary, L).entries.filter((e) => e.eventfd !== eventfd);
    let fresh = k.rd(memcg, L).spare;
    swap_buffers: {
      // Nothing stays: no array at all.
      if (kept.length === 0) {
        yield* kfree(k, fresh, L);
        fresh = null;
        break swap_buffers;
      }
      // new->size = size through the spare pointer, NULL or not, then the copy, whether or not it fits.
      const s = k.wr(fresh, L, 'mem_cgroup_threshold_ary', 'size');
      writeEntries(k, s, kept, L);
      s.current_threshold = currentThresholdOf(kept, usage);
    }
    // swap_buffers: the primary becomes the spare; with nothing left, it is freed here, still published.
    k.wr(memcg, L).spare = primary;
    if (fresh === null) {
      yield* kfree(k, k.rd(memcg, L).spare, L);
      k.wr(memcg, L).spare = null;
    }
    yield k.op('rcu_assign_pointer(primary)', memcg, L);
    k.wr(memcg, L).thresholds = fresh;
    yield* synchronize_rcu(k, L);
  }
  yield* mutex_unlock(k, memcg.thresholds_lock, L);
  return 0;
};
