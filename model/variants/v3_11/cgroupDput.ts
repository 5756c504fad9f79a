import type { cgroup } from '../../cgroup/cgroup.js';
import { dput } from '../../fs/dcache.js';
import { deactivate_super, sb_grab_active } from '../../fs/super.js';
import type { Kernel, KGen } from '../../kernel.js';
import { fnSites } from '../../site.js';

const D = fnSites('versions.md', 'cgroup_dput');

/**
 * cgroup_dput() of 3.11 (versions.md section 4, lines 440-447): the directory's dput under an active reference
 * on the superblock of its own, taken first and dropped last, so that the dput's release of the cgroup (whose
 * superblock reference may be the last once userspace unmounted) cannot shut the superblock down while this
 * dentry still pins the root. Process context; it may sleep.
 */
export function* cgroup_dput(k: Kernel, cgrp: cgroup): KGen {
  const sb = k.rd(cgrp, D(442)).root.sb;
  yield k.op('atomic_inc(&sb->s_active)', sb, D(444));
  sb_grab_active(k, sb, D(444));
  yield* dput(k, k.rd(cgrp, D(445)).dentry!, D(445));
  yield* deactivate_super(k, sb!, D(446));
}
