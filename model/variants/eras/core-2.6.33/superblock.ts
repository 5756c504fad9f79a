import { BUG_ON } from '../../../bug.js';
import type { cgroup } from '../../../cgroup/cgroup.js';
import { d_set_parent, type dentry } from '../../../fs/dcache.js';
import { generic_shutdown_super, sb_grab_active, type super_block } from '../../../fs/super.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { at } from '../../../site.js';

const L_create = at('kernel/cgroup.c', 'cgroup_create');
const L_kill = at('kernel/cgroup.c', 'cgroup_kill_sb');

/**
 * cgroup_create()'s holds of 2.6.33 to 3.13 [RECON, versions.md section 10 and the 3.11 comment of section 4]:
 * the new directory's dentry pins its parent's, as every dentry does, and the cgroup takes an active reference on
 * the superblock, so that an unmount with child cgroups left does not tear the hierarchy down. The dentry's
 * release (cgroup_diput) drops it. Within mkdir's step, under cgroup_mutex.
 */
export function cgroup_create_dir(k: Kernel, cgrp: cgroup, d: dentry): void {
  d_set_parent(k, d, cgrp.parent!.dentry!, L_create);
  sb_grab_active(k, cgrp.root.sb!, L_create);
}

/**
 * cgroup_kill_sb() of 2.6.33 to 3.13 [RECON, reduced]: the last active reference of a hierarchy's superblock is
 * gone, so the hierarchy may have no cgroup but its top one (it BUG()s otherwise); under cgroup_mutex the
 * subsystems go back to the default hierarchy (left out), then kill_litter_super() shuts the superblock down. The
 * hierarchy's own memory (cgroupfs_root) is freed here in the kernel; the model keeps it for the next mount.
 * Whatever context dropped that reference; it sleeps.
 */
export function* cgroup_kill_sb(k: Kernel, sb: super_block): KGen {
  const root = k.s.roots.find((r) => r.sb === sb)!;
  const top = k.rd(root.top_cgroup, L_kill);
  BUG_ON(k, root.number_of_cgroups !== 1, L_kill, 'root->number_of_cgroups != 1');
  BUG_ON(k, top.children.length !== 0, L_kill, '!list_empty(&cgrp->children)');
  yield* mutex_lock(k, k.s.cgroup_mutex, L_kill);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L_kill);
  yield* generic_shutdown_super(k, sb);
  root.sb = null;
}
