import { EBUSY } from '../errno.js';
import type { Kernel, KGen } from '../kernel.js';
import { mutex_lock, mutex_unlock } from '../locking/mutex.js';
import { at } from '../site.js';
import type { cgroup } from './cgroup.js';
import { css_kill, css_put } from './css.js';
import { cgroup_busy, cgroup_mark_removed, cgroup_remove_dir } from './rmdir.js';

const L = at('kernel/cgroup.c', 'cgroup_destroy_locked');

/**
 * cgroup_rmdir() → cgroup_destroy_locked() as 3.8 to 3.13 have it [RECON, reduced]: everything under
 * cgroup_mutex, and nothing fails once it started: busy cgroups are refused first, then the cgroup is marked
 * dead, the css references killed (3.12 on: from then css_tryget fails), the subsystems offlined (->pre_destroy
 * can no longer fail), the directory removed, and the version's event teardown run. Process context.
 */
export function* cgroup_rmdir_3x(k: Kernel, cgrp: cgroup): KGen<number> {
  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  const ret = yield* cgroup_destroy_locked(k, cgrp);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);
  return ret;
}

function* cgroup_destroy_locked(k: Kernel, cgrp: cgroup): KGen<number> {
  if (cgroup_busy(k, cgrp, L)) return -EBUSY;
  yield* cgroup_mark_removed(k, cgrp, L);
  const counted = cgrp.root.subsystems.filter((ss) => ss.lifetime === 'css' && cgrp.subsys[ss.subsys_id] != null);
  for (const ss of counted) yield* css_kill(k, cgrp.subsys[ss.subsys_id]!, L);
  for (const ss of cgrp.root.subsystems) if (ss.pre_destroy !== undefined) yield* ss.pre_destroy(k, ss, cgrp);
  yield* cgroup_remove_dir(k, cgrp, L);
  if (k.v.cgroup_rmdir_events !== undefined) yield* k.v.cgroup_rmdir_events(k, cgrp);
  // The offline is done: each killed css lets go of its base reference.
  for (const ss of counted) yield* css_put(k, cgrp.subsys[ss.subsys_id]!, L);
  return 0;
}
