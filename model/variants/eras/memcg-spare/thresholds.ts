import { ENOMEM } from '../../../errno.js';
import type { eventfd_ctx } from '../../../eventfd.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import type { CharPtr } from '../../../memory.js';
import { at, type Site } from '../../../site.js';
import { GFP_KERNEL, kfree, kmalloc } from '../../../slab.js';
import { mem_cgroup_threshold_ary, mem_cgroup_usage, type mem_cgroup, type mem_cgroup_threshold } from '../../../memcg/memcontrol.js';
import { __mem_cgroup_threshold } from '../../../memcg/thresholdCheck.js';

/*
 * The thresholds as 2.6.35 rewrote them and 6.x still has them (versions.md 4c, "Never-fail unregister"). [RECON
 * for 2.6.35-3.x: versions.md quotes the 6.x text and describes the 2.6.35 patch; the model uses the 6.x text
 * for every era from 2.6.35 on.]
 * register keeps the array it replaces as a spare buffer, so unregister never allocates and never fails; it is a
 * no-op when there is no array, or no entry of the eventfd (the N-1 extra calls for N events on one eventfd).
 * Both take thresholds_lock and wait for RCU: process context.
 */

/** How an era parses the threshold: the value in bytes, or an error. */
export type threshold_parser = (k: Kernel, buf: CharPtr) => { ret: number; value: bigint };

function sorted(entries: mem_cgroup_threshold[]): mem_cgroup_threshold[] {
  return entries.sort((a, b) => (a.threshold < b.threshold ? -1 : a.threshold > b.threshold ? 1 : 0));
}

function current_of(entries: readonly mem_cgroup_threshold[], usage: bigint): number {
  let cur = -1;
  for (const e of entries) if (e.threshold <= usage) cur++;
  return cur;
}

/**
 * The two functions as they are in `file` (mm/memcontrol.c; mm/memcontrol-v1.c in 6.x), with the era's parser
 * (res_counter's until 3.18, page_counter's from 3.19).
 */
export function spare_thresholds(file: string, parse: threshold_parser) {
  const L_reg = at(file, '__mem_cgroup_usage_register_event');
  const L_unreg = at(file, '__mem_cgroup_usage_unregister_event');

  /** Registers `eventfd` at the threshold `args` names: a new primary array; the old primary becomes the spare. */
  function* __mem_cgroup_usage_register_event(k: Kernel, memcg: mem_cgroup, eventfd: eventfd_ctx, args: CharPtr, _site: Site): KGen<number> {
    const { ret: perr, value: threshold } = parse(k, args);
    if (perr !== 0) return perr;
    let ret = 0;
    yield* mutex_lock(k, k.rd(memcg, L_reg, 'mem_cgroup').thresholds_lock, L_reg);
    const primary = memcg.thresholds;
    // Check if a threshold crossed before adding a new one.
    if (primary !== null) yield* __mem_cgroup_threshold(k, memcg);
    const size = primary !== null ? k.rd(primary, L_reg).size + 1 : 1;
    const fresh = yield* kmalloc(k, 'mem_cgroup_threshold_ary', 16 + 16 * size, GFP_KERNEL, L_reg, (mem) => new mem_cgroup_threshold_ary(mem, mem.name));
    if (fresh === null) {
      ret = -ENOMEM;
    } else {
      fresh.entries = sorted([...(primary?.entries ?? []), { eventfd, threshold }]);
      fresh.current_threshold = current_of(fresh.entries, mem_cgroup_usage(k, memcg, L_reg));
      // Free the old spare buffer and keep the old primary as the spare.
      yield* kfree(k, k.rd(memcg, L_reg).spare, L_reg);
      yield k.op('rcu_assign_pointer(primary)', memcg, L_reg);
      const m = k.wr(memcg, L_reg);
      m.spare = primary;
      m.thresholds = fresh;
      yield* synchronize_rcu(k, L_reg);
    }
    yield* mutex_unlock(k, memcg.thresholds_lock, L_reg);
    return ret;
  }

  /** Removes every entry of `eventfd`, in the spare buffer; never allocates, never fails. Process context: may sleep. */
  function* __mem_cgroup_usage_unregister_event(k: Kernel, memcg: mem_cgroup, eventfd: eventfd_ctx, _site: Site): KGen<number> {
    k.might_sleep(L_unreg, '__mem_cgroup_usage_unregister_event');
    yield* mutex_lock(k, k.rd(memcg, L_unreg, 'mem_cgroup').thresholds_lock, L_unreg);
    const primary = memcg.thresholds;
    unlock: {
      if (primary === null) break unlock;
      // Check if a threshold crossed before removing.
      yield* __mem_cgroup_threshold(k, memcg);
      const kept = k.rd(primary, L_unreg).entries.filter((e) => e.eventfd !== eventfd);
      if (kept.length === primary.size) break unlock;
      let fresh = memcg.spare;
      if (kept.length === 0) {
        yield* kfree(k, fresh, L_unreg);
        fresh = null;
      } else {
        const s = k.wr(fresh, L_unreg, 'spare thresholds');
        s.entries = kept;
        s.current_threshold = current_of(kept, mem_cgroup_usage(k, memcg, L_unreg));
      }
      // swap_buffers: the primary becomes the spare.
      yield k.op('rcu_assign_pointer(primary)', memcg, L_unreg);
      const m = k.wr(memcg, L_unreg);
      m.spare = primary;
      m.thresholds = fresh;
      yield* synchronize_rcu(k, L_unreg);
      // If all events are unregistered, free the spare array.
      if (fresh === null) {
        yield* kfree(k, m.spare, L_unreg);
        m.spare = null;
      }
    }
    yield* mutex_unlock(k, memcg.thresholds_lock, L_unreg);
    return 0;
  }

  return { __mem_cgroup_usage_register_event, __mem_cgroup_usage_unregister_event };
}
