import type { cgroup } from '../../cgroup/cgroup.js';
import type { file } from '../../fs/file.js';
import type { Kernel } from '../../kernel.js';
import { INIT_LIST_HEAD } from '../../list.js';
import { spin_lock_init } from '../../locking/spinlock.js';
import { ERR_PTR, type ErrPtr } from '../../memory.js';
import type { cftype } from '../../cgroup/cgroup.js';
import { __d_cft, cgroup_file_operations } from '../../cgroup/files.js';
import { EINVAL } from '../../errno.js';

/** init_cgroup_housekeeping(), the lines the seed adds (kernel/cgroup.c:1188-1189). Called on a new cgroup. */
export function init_cgroup_housekeeping(k: Kernel, cgrp: cgroup): void {
  INIT_LIST_HEAD(cgrp.event_list);
  cgrp.event_list_lock = spin_lock_init(cgrp.mem, `${cgrp.name}.event_list_lock`, '&cgrp->event_list_lock');
}

/** __file_cft() (seed, kernel/cgroup.c:1992-1997): the cftype of a control file, ERR_PTR(-EINVAL) for any other file. */
export function __file_cft(k: Kernel, f: file): cftype | ErrPtr {
  if (f.f_op !== cgroup_file_operations) return ERR_PTR(-EINVAL);
  return __d_cft(f);
}
