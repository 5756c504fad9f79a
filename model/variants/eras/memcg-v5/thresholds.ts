import { BUG_ON } from '../../../bug.js';
import type { cftype, cgroup, register_event_t, unregister_event_t } from '../../../cgroup/cgroup.js';
import { EINVAL, ENOMEM } from '../../../errno.js';
import type { eventfd_ctx } from '../../../eventfd.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { read_byte, ptr_add, simple_strtoull, memparse } from '../../../lib/string.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import type { CharPtr } from '../../../memory.js';
import { at, type Site } from '../../../site.js';
import { GFP_KERNEL, kfree, kmalloc } from '../../../slab.js';
import { __mem_cgroup_threshold } from '../../../memcg/thresholdCheck.js';
import {
  mem_cgroup_from_cont,
  mem_cgroup_get,
  mem_cgroup_put,
  mem_cgroup_threshold_ary,
  mem_cgroup_usage,
  type mem_cgroup,
  type mem_cgroup_threshold,
} from '../../../memcg/memcontrol.js';

/*
 * The memcg side of the contract as the thresholds patch of the same series had it ("[PATCH v5 4/4] memcg:
 * implement memory thresholds", Dec 2009; ../shared/reference/versions.md section 7-8, 4a). Register parses the
 * threshold, then under thresholds_lock builds a new array one entry larger, takes a mem_cgroup reference for the
 * entry, publishes the array with RCU and frees the old one after a grace period. Unregister removes *every*
 * entry of the eventfd, drops one reference per removed entry, and can fail (its kmalloc can).
 *
 * 2.6.34 removed the references (versions.md 2b: the directory dentry each event pins keeps the mem_cgroup
 * until every event is gone) and kept the rest: `pin_memcg` says which of the two this is.
 */

const RESOURCE_MAX = (1n << 63n) - 1n;
const PAGE_SIZE = 4096n;
const L_parse = at('kernel/res_counter.c', 'res_counter_memparse_write_strategy');
const L_reg = at('mm/memcontrol.c', 'mem_cgroup_register_event');
const L_unreg = at('mm/memcontrol.c', 'mem_cgroup_unregister_event');

/** "-1" means unlimited; otherwise memparse() must consume the whole string; the result is page-aligned. */
export function res_counter_memparse_write_strategy(k: Kernel, buf: CharPtr): { ret: number; value: bigint } {
  if (read_byte(k, buf, 0, L_parse) === 45) {
    const { value, endp } = simple_strtoull(k, ptr_add(buf, 1), 10, L_parse);
    if (value !== 1n || read_byte(k, endp, 0, L_parse) !== 0) return { ret: -EINVAL, value: 0n };
    return { ret: 0, value: RESOURCE_MAX };
  }
  const { value, endp } = memparse(k, buf, L_parse);
  if (read_byte(k, endp, 0, L_parse) !== 0) return { ret: -EINVAL, value: 0n };
  // PAGE_ALIGN in u64 arithmetic: it wraps at 2^64.
  return { ret: 0, value: (value + PAGE_SIZE - 1n) & ~(PAGE_SIZE - 1n) & ((1n << 64n) - 1n) };
}

/** The first entry at or above which `usage` no longer reaches, minus one: the "current" threshold index. */
function current_threshold_of(entries: readonly mem_cgroup_threshold[], usage: bigint): number {
  let cur = -1;
  for (const e of entries) if (e.threshold < usage) cur++;
  return cur;
}

function* alloc_ary(k: Kernel, size: number, site: Site): KGen<mem_cgroup_threshold_ary | null> {
  return yield* kmalloc(k, 'mem_cgroup_threshold_ary', 16 + 16 * size, GFP_KERNEL, site, (mem) => new mem_cgroup_threshold_ary(mem, mem.name));
}

/** The two callbacks of one era: with (v5) or without (2.6.34) a mem_cgroup reference per threshold. */
export function v5_thresholds(pin_memcg: boolean): { register_event: register_event_t; unregister_event: unregister_event_t } {
  /** cftype->register_event of memory.usage_in_bytes. Process context: takes a mutex, allocates, waits for RCU. */
  function* mem_cgroup_register_event(k: Kernel, cgrp: cgroup, cft: cftype, eventfd: eventfd_ctx, args: CharPtr, site: Site): KGen<number> {
    const css = mem_cgroup_from_cont(k, cgrp, L_reg);
    const { ret: perr, value: threshold } = res_counter_memparse_write_strategy(k, args);
    if (perr !== 0) return perr;
    let ret = 0;
    // &memcg->thresholds_lock: NULL when the cgroup's hierarchy has no memory controller.
    const memcg = k.rd(css, L_reg, 'mem_cgroup', 'thresholds_lock');
    yield* mutex_lock(k, memcg.thresholds_lock, L_reg);
    const thresholds = k.rd(memcg, L_reg).thresholds;
    const usage = mem_cgroup_usage(k, memcg, L_reg);
    // A threshold may have been crossed since the last check: signal it before adding the new one.
    if (thresholds !== null) yield* __mem_cgroup_threshold(k, memcg);
    const size = thresholds !== null ? k.rd(thresholds, L_reg).size + 1 : 1;
    const fresh = yield* alloc_ary(k, size, L_reg);
    if (fresh === null) {
      ret = -ENOMEM;
    } else {
      fresh.entries = [...(thresholds?.entries ?? []), { eventfd, threshold }].sort((a, b) => (a.threshold < b.threshold ? -1 : a.threshold > b.threshold ? 1 : 0));
      fresh.current_threshold = current_threshold_of(fresh.entries, usage);
      // One reference per registered threshold keeps the mem_cgroup until every threshold is unregistered.
      if (pin_memcg) yield* mem_cgroup_get(k, memcg, L_reg);
      yield k.op('rcu_assign_pointer(thresholds)', memcg, L_reg);
      k.wr(memcg, L_reg).thresholds = fresh;
      yield* synchronize_rcu(k, L_reg);
      yield* kfree(k, thresholds, L_reg);
    }
    yield* mutex_unlock(k, memcg.thresholds_lock, L_reg);
    return ret;
  }

  /**
   * cftype->unregister_event of memory.usage_in_bytes: removes every entry of `eventfd`. Process context: may sleep.
   * BUG()s when there is no array at all, and fails with -ENOMEM when the smaller array cannot be allocated.
   */
  function* mem_cgroup_unregister_event(k: Kernel, cgrp: cgroup, cft: cftype, eventfd: eventfd_ctx, site: Site): KGen<number> {
    k.might_sleep(L_unreg, 'mem_cgroup_unregister_event');
    const memcg: mem_cgroup = k.rd(mem_cgroup_from_cont(k, cgrp, L_unreg), L_unreg, 'mem_cgroup', 'thresholds_lock');
    let ret = 0;
    yield* mutex_lock(k, memcg.thresholds_lock, L_unreg);
    const thresholds = k.rd(memcg, L_unreg).thresholds;
    BUG_ON(k, thresholds === null, L_unreg, '!thresholds');
    const old = thresholds!;
    const usage = mem_cgroup_usage(k, memcg, L_unreg);
    // A threshold may have been crossed since the last check: signal it before removing any.
    yield* __mem_cgroup_threshold(k, memcg);
    const kept = k.rd(old, L_unreg).entries.filter((e) => e.eventfd !== eventfd);
    let fresh: mem_cgroup_threshold_ary | null = null;
    if (kept.length > 0) {
      fresh = yield* alloc_ary(k, kept.length, L_unreg);
      if (fresh === null) ret = -ENOMEM;
      else {
        fresh.entries = kept;
        fresh.current_threshold = current_threshold_of(kept, usage);
      }
    }
    if (ret === 0) {
      yield k.op('rcu_assign_pointer(thresholds)', memcg, L_unreg);
      k.wr(memcg, L_unreg).thresholds = fresh;
      yield* synchronize_rcu(k, L_unreg);
      if (pin_memcg) for (let i = 0; i < old.size - kept.length; i++) yield* mem_cgroup_put(k, memcg, L_unreg);
      yield* kfree(k, old, L_unreg);
    }
    yield* mutex_unlock(k, memcg.thresholds_lock, L_unreg);
    return ret;
  }
  return { register_event: mem_cgroup_register_event, unregister_event: mem_cgroup_unregister_event };
}

/** The thresholds of the Dec 2009 series (v5), with their mem_cgroup references. */
export const { register_event: mem_cgroup_register_event, unregister_event: mem_cgroup_unregister_event } = v5_thresholds(true);
