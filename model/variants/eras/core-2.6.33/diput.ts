import { BUG_ON } from '../../../bug.js';
import type { dentry } from '../../../fs/dcache.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import { at } from '../../../site.js';
import type { cgroup } from '../../../cgroup/cgroup.js';
import { cgroup_put } from '../../../cgroup/put.js';
import { deactivate_super } from '../../../fs/super.js';

const L = at('kernel/cgroup.c', 'cgroup_diput');

/**
 * cgroup_diput(): the directory dentry's last reference is gone, so the cgroup goes: wait for RCU readers,
 * let every subsystem ->destroy its state under cgroup_mutex and count the cgroup out of its hierarchy, drop
 * the active reference on the superblock that cgroup_create() took (deactivate_super: the last one shuts the
 * superblock down, here, while this dentry still pins its parent), drop the dentry's hold on the cgroup (the
 * last hold frees it). Runs in whatever context drops that last reference (rmdir, the close of a file in the
 * directory, a dput); it sleeps. [RECON of 2.6.33.]
 */
export function* cgroup_diput(k: Kernel, d: dentry): KGen {
  const cgrp = d.d_fsdata as cgroup;
  BUG_ON(k, !k.rd(cgrp, L).removed, L, '!cgroup_is_removed(cgrp)');
  yield* synchronize_rcu(k, L);
  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  for (const ss of cgrp.root.subsystems) yield* ss.destroy(k, ss, cgrp);
  cgrp.root.number_of_cgroups--;
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);
  yield* deactivate_super(k, k.rd(cgrp, L).root.sb!, L);
  yield* cgroup_put(k, cgrp, L);
}
