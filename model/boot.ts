import { cgroup } from './cgroup/cgroup.js';
import { dentry } from './fs/dcache.js';
import type { Kernel } from './kernel.js';
import { mutex_init } from './locking/mutex.js';
import { mem_cgroup } from './memcg/memcontrol.js';
import { workqueue_struct } from './workqueue.js';

/**
 * Creates the kernel's globals before any actor runs: the system workqueue, cgroup_mutex, and the hierarchy's
 * root cgroup with its directory and every subsystem's root state. All are static: never freed, never leaks.
 */
export function boot(k: Kernel): void {
  const system_wq = new workqueue_struct(k.newAllocation('workqueue_struct', 0, 'static', null));
  const cgroup_mutex = mutex_init(k.newAllocation('cgroup_mutex', 0, 'static', null), 'cgroup_mutex', 'cgroup_mutex');
  const root = new cgroup(k.newAllocation('cgroup', 0, 'static', null), '/');
  k.v.init_cgroup_housekeeping(k, root);
  const d = new dentry(k.newAllocation('dentry', 0, 'static', null), '/');
  d.d_fsdata = root;
  root.dentry = d;
  for (const ss of k.v.subsystems) {
    // Every subsystem's root state is static; only memcg is modelled.
    root.subsys[ss.subsys_id] = new mem_cgroup(k.newAllocation(`root_${ss.name}`, 0, 'static', null), root);
  }
  k.s = { system_wq, cgroup_mutex, root };
}
