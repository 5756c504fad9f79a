import { BUG_ON } from '../../../bug.js';
import type { dentry } from '../../../fs/dcache.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mutex_lock, mutex_unlock } from '../../../locking/mutex.js';
import { synchronize_rcu } from '../../../locking/rcu.js';
import { at } from '../../../site.js';
import type { cgroup } from '../../../cgroup/cgroup.js';
import { cgroup_put } from '../../../cgroup/put.js';

const L = at('kernel/cgroup.c', 'cgroup_diput');

/**
 * cgroup_diput(): the directory dentry's last reference is gone, so the cgroup goes: wait for RCU readers,
 * let every subsystem ->destroy its state under cgroup_mutex, drop the dentry's hold on the cgroup (the last
 * hold frees it). Runs in whatever context drops that last reference (rmdir, the close of a file in the
 * directory, a dput); it sleeps. [RECON of 2.6.33.] A subsystem whose state lives by css references (3.12 on)
 * is not destroyed here: its last css_put() does it, and only then lets go of the cgroup.
 */
export function* cgroup_diput(k: Kernel, d: dentry): KGen {
  const cgrp = d.d_fsdata as cgroup;
  BUG_ON(k, !k.rd(cgrp, L).removed, L, '!cgroup_is_removed(cgrp)');
  yield* synchronize_rcu(k, L);
  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  for (const ss of cgrp.root.subsystems) yield* ss.destroy(k, ss, cgrp);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);
  yield* cgroup_put(k, cgrp, L);
}
