import { eventfd_signal } from '../eventfd.js';
import type { Kernel, KGen } from '../kernel.js';
import { rcu_read_lock, rcu_read_unlock } from '../locking/rcu.js';
import { at } from '../site.js';
import { mem_cgroup_usage, type mem_cgroup } from './memcontrol.js';

const L = at('mm/memcontrol.c', '__mem_cgroup_threshold');

/**
 * __mem_cgroup_threshold(): under rcu_read_lock(), walks down from the current threshold signalling every one
 * now above the usage, then up signalling every one now at or below it, and remembers where it stopped. The
 * array's eventfd pointers are raw: the ctx must stay alive until unregister has removed it and waited for RCU.
 * Any context that may charge memory.
 */
export function* __mem_cgroup_threshold(k: Kernel, memcg: mem_cgroup): KGen {
  yield* rcu_read_lock(k, L);
  const t = k.rd(memcg, L).thresholds;
  if (t !== null) {
    const usage = mem_cgroup_usage(k, memcg, L);
    let i = k.rd(t, L).current_threshold;
    for (; i >= 0 && k.rd(t, L).entries[i]!.threshold > usage; i--) yield* eventfd_signal(k, t.entries[i]!.eventfd, 1, L);
    i++;
    for (; i < k.rd(t, L).size && t.entries[i]!.threshold <= usage; i++) yield* eventfd_signal(k, t.entries[i]!.eventfd, 1, L);
    k.wr(t, L).current_threshold = i - 1;
  }
  yield* rcu_read_unlock(k, L);
}
