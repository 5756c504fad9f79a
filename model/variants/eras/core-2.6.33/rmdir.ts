import { EBUSY } from '../../../errno.js';
import type { cgroup } from '../../../cgroup/cgroup.js';
import { cgroup_busy, cgroup_mark_removed, cgroup_remove_dir } from '../../../cgroup/rmdir.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { at } from '../../../site.js';

const L = at('kernel/cgroup.c', 'cgroup_rmdir');

/**
 * cgroup_rmdir() as of 2.6.33 [RECON, reduced]: refuses a cgroup with tasks or children, calls
 * cgroup_call_pre_destroy() without cgroup_mutex, re-checks under cgroup_mutex (a task may have been attached
 * meanwhile, and then rmdir fails after pre_destroy has run), marks the cgroup removed and removes the
 * directory. The struct goes later, when the directory dentry's last reference does (cgroup_diput).
 * Process context: the vfs holds a reference on the dentry for the whole call.
 */
export function* cgroup_rmdir(k: Kernel, cgrp: cgroup): KGen<number> {
  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  if (cgroup_busy(k, cgrp, L)) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -EBUSY;
  }
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);

  const ret = yield* k.v.cgroup_call_pre_destroy(k, cgrp);
  if (ret !== 0) return ret;

  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  if (cgroup_busy(k, cgrp, L)) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -EBUSY;
  }
  yield* cgroup_mark_removed(k, cgrp, L);
  yield* cgroup_remove_dir(k, cgrp, L);

  if (k.v.cgroup_rmdir_events !== undefined) yield* k.v.cgroup_rmdir_events(k, cgrp);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);
  return 0;
}
