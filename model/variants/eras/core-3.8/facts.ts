import type { KernelFacts } from '../../../facts.js';
import { events_pin_the_cgroup } from '../core-2.6.33/facts.js';

/**
 * 3.8 to 3.13. [RECON: from memory of the sources; offsets as in facts2633.ts, for an x86-64 build without NUMA
 * and without lock debugging.]
 */
export const facts_3_x: KernelFacts = {
  source: '3.x: lib/list_debug.c (2.6.37 on), include/linux/poison.h (before 4.3), arch/x86/mm/fault.c [RECON]',
  // From 2.6.37, __list_del_entry looks for the poison first, and a corrupt list_del warns and does nothing.
  list_debug: { del_checks_poison: true, del_skips_corrupt: true, add_skips_corrupt: false },
  list_poison: { LIST_POISON1: 'dead000000100100', LIST_POISON2: 'dead000000200200' },
  null_deref_title: 'BUG: unable to handle kernel NULL pointer dereference at {addr}',
  bad_address_title: 'BUG: unable to handle kernel paging request at {addr}',
  gpf_title: 'general protection fault: 0000 [#1] SMP',
  offsets: {
    // 3.9 put f_inode after f_path; SMP kernels keep f_sb_list_cpu beside f_lock.
    file: { f_count: 0x38 },
    // css (with dput_work), res, memsw, kmem (56 each), info, the scalars, then the mutex.
    mem_cgroup: { thresholds_lock: 0x118 },
    // int current_threshold, then unsigned int size, then the entries.
    mem_cgroup_threshold_ary: { size: 0x4 },
  },
  unregister_contract: events_pin_the_cgroup,
};
