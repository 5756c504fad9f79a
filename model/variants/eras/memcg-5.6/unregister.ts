import type { eventfd_ctx } from '../../../eventfd.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import { fnSites } from '../../../site.js';
import { kfree } from '../../../slab.js';
import { mem_cgroup_usage, type mem_cgroup } from '../../../memcg/memcontrol.js';
import { __mem_cgroup_threshold } from '../../../memcg/thresholdCheck.js';
import { currentThresholdOf, writeEntries } from '../memcg-spare/array.js';

/*
 * The never-failing unregister from 5.6 on: the text versions.md 4c quotes (lines 770-818, from 6.11's
 * mm/memcontrol-v1.c; 6.10 has the same function in mm/memcontrol.c). Against 3.3-5.6 (../memcg-3.3/) it counts
 * the entries of the eventfd too and leaves when there is none, and frees the old primary only after
 * synchronize_rcu(), once no reader can hold it.
 */

const L = fnSites('versions.md', '__mem_cgroup_usage_unregister_event');

/**
 * Removes every entry of `eventfd` from `memcg`'s thresholds, into the spare buffer: never allocates, never
 * fails, a no-op when there is no array or no entry of the eventfd (the N-1 extra calls for N events on one
 * eventfd). Process context: takes a mutex and waits for RCU.
 */
export function* __mem_cgroup_usage_unregister_event(k: Kernel, memcg: mem_cgroup, eventfd: eventfd_ctx): KGen<number> {
  k.might_sleep(L(771), '__mem_cgroup_usage_unregister_event');
  yield* mutex_lock(k, memcg.thresholds_lock, L(771));
  unlock: {
    // The elided lines (772): which array, and the usage the new current_threshold is counted from.
    const usage = mem_cgroup_usage(k, memcg, L(772));
    const primary = k.rd(memcg, L(773)).thresholds;
    if (primary === null) break unlock;
    // Check if a threshold crossed before removing.
    yield* __mem_cgroup_threshold(k, memcg);
    const all = k.rd(primary, L(781)).entries;
    const kept = all.filter((e) => e.eventfd !== eventfd);
    const entries = all.length - kept.length;
    let fresh = k.rd(memcg, L(788)).spare;
    if (entries === 0) break unlock;
    swap_buffers: {
      if (kept.length === 0) {
        yield* kfree(k, fresh, L(796));
        fresh = null;
        break swap_buffers;
      }
      const s = k.wr(fresh, L(800), 'mem_cgroup_threshold_ary', 'size');
      writeEntries(k, s, kept, L(801));
      s.current_threshold = currentThresholdOf(kept, usage);
    }
    // swap_buffers: the primary becomes the spare, the new array (or NULL) the primary.
    k.wr(memcg, L(804)).spare = primary;
    yield k.op('rcu_assign_pointer(primary)', memcg, L(806));
    k.wr(memcg, L(806)).thresholds = fresh;
    yield* synchronize_rcu(k, L(809));
    // If all events are unregistered, free the spare array: no reader holds it any more.
    if (fresh === null) {
      yield* kfree(k, k.rd(memcg, L(813)).spare, L(813));
      k.wr(memcg, L(814)).spare = null;
    }
  }
  yield* mutex_unlock(k, memcg.thresholds_lock, L(817));
  return 0;
}
