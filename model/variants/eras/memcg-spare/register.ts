import { ENOMEM } from '../../../errno.js';
import type { eventfd_ctx } from '../../../eventfd.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import type { CharPtr } from '../../../memory.js';
import type { Site } from '../../../site.js';
import { kfree } from '../../../slab.js';
import { mem_cgroup_usage, type mem_cgroup } from '../../../memcg/memcontrol.js';
import { __mem_cgroup_threshold } from '../../../memcg/thresholdCheck.js';
import { allocThresholdAry, currentThresholdOf, sortedByThreshold, writeEntries, type threshold_parser } from './array.js';

/*
 * The register side of the thresholds as 2.6.35 made them ("Never-fail unregister", versions.md 4c), the same in
 * every era since (versions.md, "The shape of each era": a new array of size + 1 entries; the old spare freed,
 * the old primary kept as the spare, the new array the primary; versions.md:819 for the last three steps). The
 * array it replaces is kept, not freed, so that unregister has a buffer and never allocates.
 * [RECON for what versions.md does not quote: the usage is read before the threshold check, as the code of every
 * era since has it, and current_threshold is counted from that reading.]
 * In 3.x this is the body of mem_cgroup_usage_register_event() itself; from 3.14 that of
 * __mem_cgroup_usage_register_event(): `L` says which, and `parse` how the era reads the threshold. The body's
 * own name is not snake_case, so call traces show the era's function that runs it, not a function C never had.
 */

/**
 * Parses the threshold, then under `memcg->thresholds_lock` publishes an array one entry larger. `memcg` is what
 * the caller found (NULL for a cgroup of a hierarchy without the memory controller: the fault is at the mutex,
 * after the parse). Process context: takes a mutex, allocates, waits for RCU.
 */
export function* usageRegisterEvent(k: Kernel, memcg: mem_cgroup | null, eventfd: eventfd_ctx, args: CharPtr, parse: threshold_parser, L: Site): KGen<number> {
  const { ret: perr, value: threshold } = parse(k, args);
  if (perr !== 0) return perr;
  let ret = 0;
  const m = k.rd(memcg, L, 'mem_cgroup', 'thresholds_lock');
  yield* mutex_lock(k, m.thresholds_lock, L);
  unlock: {
    const primary = k.rd(m, L).thresholds;
    const usage = mem_cgroup_usage(k, m, L);
    // A threshold may have been crossed since the last check: signal it before adding one.
    if (primary !== null) yield* __mem_cgroup_threshold(k, m);
    const size = primary !== null ? k.rd(primary, L).size + 1 : 1;
    const fresh = yield* allocThresholdAry(k, size, L);
    if (fresh === null) {
      ret = -ENOMEM;
      break unlock;
    }
    // new->size = size; the old entries copied, the new one added, sorted; current_threshold from the usage read.
    const old = primary !== null ? k.rd(primary, L).entries : [];
    writeEntries(k, fresh, sortedByThreshold([...old, { eventfd, threshold }]), L);
    fresh.current_threshold = currentThresholdOf(fresh.entries, usage);
    // Free the old spare buffer and keep the old primary as the spare.
    yield* kfree(k, k.rd(m, L).spare, L);
    k.wr(m, L).spare = primary;
    yield k.op('rcu_assign_pointer(primary)', m, L);
    k.wr(m, L).thresholds = fresh;
    // To be sure nobody uses the arrays any more.
    yield* synchronize_rcu(k, L);
  }
  yield* mutex_unlock(k, m.thresholds_lock, L);
  return ret;
}
