import { EBUSY } from '../../../errno.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { at } from '../../../site.js';
import type { cgroup, cgroup_subsys_state } from '../../../cgroup/cgroup.js';
import { cgroup_busy, cgroup_mark_removed, cgroup_remove_dir } from '../../../cgroup/rmdir.js';

const L = at('kernel/cgroup.c', 'cgroup_destroy_locked');

/** How an era's rmdir ends the life of the subsystem states it counts by reference (3.12's css refs). */
export interface CssKill {
  /** The states of `cgrp` that live by references. */
  readonly counted: (cgrp: cgroup) => readonly cgroup_subsys_state[];
  /** kill_css(): from now on no tryget succeeds; the state is kept by a reference of the kill's own. */
  readonly kill: (k: Kernel, css: cgroup_subsys_state, site: typeof L) => KGen;
  /** The kill's reference, dropped once the offline is done. */
  readonly put: (k: Kernel, css: cgroup_subsys_state, site: typeof L) => KGen;
}

/**
 * cgroup_rmdir() → cgroup_destroy_locked() as 3.8 to 3.13 have it [RECON, reduced]: everything under
 * cgroup_mutex, and nothing fails once it started: busy cgroups are refused first, then the cgroup is marked
 * dead, the counted states killed (`css`: 3.12's, from then css_tryget fails), the subsystems offlined
 * (->pre_destroy can no longer fail), the directory removed, and the version's event teardown run. Process
 * context.
 */
export function cgroup_rmdir_of(css?: CssKill): (k: Kernel, cgrp: cgroup) => KGen<number> {
  function* cgroup_destroy_locked(k: Kernel, cgrp: cgroup): KGen<number> {
    if (cgroup_busy(k, cgrp, L)) return -EBUSY;
    yield* cgroup_mark_removed(k, cgrp, L);
    const counted = css?.counted(cgrp) ?? [];
    for (const s of counted) yield* css!.kill(k, s, L);
    for (const ss of cgrp.root.subsystems) if (ss.pre_destroy !== undefined) yield* ss.pre_destroy(k, ss, cgrp);
    yield* cgroup_remove_dir(k, cgrp, L);
    if (k.v.cgroup_rmdir_events !== undefined) yield* k.v.cgroup_rmdir_events(k, cgrp);
    // The offline is done: each killed state lets go of the reference its kill took.
    for (const s of counted) yield* css!.put(k, s, L);
    return 0;
  }
  return function* cgroup_rmdir(k: Kernel, cgrp: cgroup): KGen<number> {
    yield* mutex_lock(k, k.s.cgroup_mutex, L);
    const ret = yield* cgroup_destroy_locked(k, cgrp);
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return ret;
  };
}

/** 3.8 to 3.11: no state lives by references. */
export const cgroup_rmdir_3x = cgroup_rmdir_of();
