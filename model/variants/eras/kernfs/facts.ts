import type { KernelFacts } from '../../../facts.js';
import { events_pin_the_cgroup } from '../core-2.6.33/facts.js';

/** 6.x before 6.11. [RECON: from memory of the sources; offsets for x86-64 without lock debugging.] */
export const facts_6_x: KernelFacts = {
  source: '6.x: lib/list_debug.c (4.8 on), include/linux/poison.h (4.3 on), arch/x86/mm/fault.c, arch/x86/kernel/traps.c [RECON]',
  // From 4.8, __list_add_valid refuses a corrupt insertion too.
  list_debug: { del_checks_poison: true, del_skips_corrupt: true, add_skips_corrupt: true },
  // 0x100 and 0x122 plus POISON_POINTER_DELTA.
  list_poison: { LIST_POISON1: 'dead000000000100', LIST_POISON2: 'dead000000000122' },
  null_deref_title: 'BUG: kernel NULL pointer dereference, address: {addr}',
  bad_address_title: 'BUG: unable to handle page fault for address: {addr}',
  gpf_title: 'general protection fault, probably for non-canonical address 0x{addr}: 0000 [#1] PREEMPT SMP KASAN NOPTI',
  offsets: {
    // The union of f_task_work/f_llist (16), f_lock, f_mode, then f_count.
    file: { f_count: 0x18 },
  },
  unregister_contract: events_pin_the_cgroup,
};
