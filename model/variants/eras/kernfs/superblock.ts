import type { cgroup } from '../../../cgroup/cgroup.js';
import { cgroup_put } from '../../../cgroup/put.js';
import type { dentry } from '../../../fs/dcache.js';
import { generic_shutdown_super, type super_block } from '../../../fs/super.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { at } from '../../../site.js';

const L_kill = at('kernel/cgroup/cgroup.c', 'cgroup_kill_sb');
const L_release = at('fs/kernfs/dir.c', 'kernfs_put');

/*
 * The kernfs era (3.14 on) [RECON, reduced]: a cgroup's directory is a kernfs node, not a dentry of the
 * superblock's tree, so it pins neither its parent's dentry nor the superblock; the hierarchy outlives its
 * superblock while it has cgroups (cgroup_kill_sb pins the root then), and the superblock goes at the unmount.
 */

/**
 * cgroup_kill_sb() of 6.x, reduced: a hierarchy with cgroups left keeps its root for the next mount (the model
 * keeps every hierarchy); kernfs_kill_sb() shuts the superblock down.
 */
export function* cgroup_kill_sb(k: Kernel, sb: super_block): KGen {
  const root = k.s.roots.find((r) => r.sb === sb)!;
  k.rd(root.top_cgroup, L_kill);
  yield* generic_shutdown_super(k, sb);
  root.sb = null;
}

/** The directory node's last reference (kernfs_put): the cgroup is counted out and the node's hold on it goes. */
export function* kernfs_dir_release(k: Kernel, d: dentry): KGen {
  const cgrp = d.d_fsdata as cgroup;
  k.rd(cgrp, L_release).root.number_of_cgroups--;
  yield* cgroup_put(k, cgrp, L_release);
}
