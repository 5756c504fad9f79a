import type { KernelFacts, UnregisterContract } from '../../../facts.js';

/**
 * The kernel the seed patch was written against (the 2.6.33 series) and that 2.6.34 shipped it in.
 * [RECON: from memory of the sources of that time; the offsets are those of an x86-64 build without NUMA and
 * without lock debugging, computed from the field order of the era's structs.]
 */
export const facts_2_6_33: KernelFacts = {
  source: '2.6.33: lib/list_debug.c, include/linux/poison.h, arch/x86/mm/fault.c [RECON]',
  // Until 2.6.37, list_del's check follows the entry's pointers first: a poisoned entry faults there.
  list_debug: { del_checks_poison: false, del_skips_corrupt: false, add_skips_corrupt: false },
  // 0x00100100 and 0x00200200 plus POISON_POINTER_DELTA (0xdead000000000000 on x86-64).
  list_poison: { LIST_POISON1: 'dead000000100100', LIST_POISON2: 'dead000000200200' },
  null_deref_title: 'BUG: unable to handle kernel NULL pointer dereference at {addr}',
  bad_address_title: 'BUG: unable to handle kernel paging request at {addr}',
  gpf_title: 'general protection fault: 0000 [#1] SMP',
  offsets: {
    // f_u (16), f_path (16), f_op, f_lock, then f_count.
    file: { f_count: 0x30 },
    // css (32), res and memsw (48 each), info (one node), then the scalars before the v5 patch's mutex.
    mem_cgroup: { thresholds_lock: 0xb0 },
  },
  unregister_contract: {
    after_destroy: true,
    words: "struct cftype's comment (include/linux/cgroup.h of the seed): unregister_event() may be called after ->destroy(), so the subsystem keeps what it needs until every event is removed",
  },
};

/** From 2.6.34 on, each event pins its cgroup until its removal has unregistered it (versions.md 2b). */
export const events_pin_the_cgroup: UnregisterContract = {
  after_destroy: false,
  words: 'from 2.6.34, each event pins its cgroup (its directory dentry, later a css) until the removal work has unregistered it, so unregister_event() never runs after ->destroy()',
};
