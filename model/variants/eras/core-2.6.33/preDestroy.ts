import type { Kernel, KGen } from '../../../kernel.js';
import type { cgroup } from '../../../cgroup/cgroup.js';

/**
 * cgroup_call_pre_destroy() as 2.6.33 has it, and as 2.6.34 returned to it once the events left it: every
 * subsystem's ->pre_destroy, stopping at the first that fails. Process context, without cgroup_mutex.
 */
export function* cgroup_call_pre_destroy(k: Kernel, cgrp: cgroup): KGen<number> {
  for (const ss of cgrp.root.subsystems) {
    if (ss.pre_destroy === undefined) continue;
    const ret = yield* ss.pre_destroy(k, ss, cgrp);
    if (ret !== 0) return ret;
  }
  return 0;
}
