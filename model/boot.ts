import { cgroup, type cgroup_subsys, type cgroupfs_root } from './cgroup/cgroup.js';
import { mount_at_boot } from './cgroup/mount.js';
import type { Kernel } from './kernel.js';
import { mutex_init } from './locking/mutex.js';
import { mem_cgroup } from './memcg/memcontrol.js';
import { workqueue_struct } from './workqueue.js';

/** A mounted hierarchy: its top cgroup, its superblock, directory and mount, the subsystems' root states, all static. */
function mount(k: Kernel, name: string, prefix: string, subsystems: readonly cgroup_subsys[]): cgroupfs_root {
  const top = new cgroup(k.newAllocation('cgroup', 0, 'static', null), `${prefix}/`);
  const root: cgroupfs_root = { name, subsystems, top_cgroup: top, sb: null, mnt: null, number_of_cgroups: 1 };
  top.root = root;
  k.v.init_cgroup_housekeeping(k, top);
  mount_at_boot(k, root);
  // Only memcg has per-cgroup state in the model.
  for (const ss of subsystems) top.subsys[ss.subsys_id] = new mem_cgroup(k.newAllocation(`root_${ss.name}`, 0, 'static', null), top);
  return root;
}

/**
 * Creates the kernel's globals before any actor runs: the system workqueue, cgroup_mutex, and two mounted
 * hierarchies: `memory`, with the variant's subsystems, whose paths are plain (`/A`), and `sched`, a named
 * hierarchy without subsystems, whose paths say so (`sched:/B`). All static: never freed, never leaks.
 */
export function boot(k: Kernel): void {
  const system_wq = new workqueue_struct(k.newAllocation('workqueue_struct', 0, 'static', null));
  const cgroup_mutex = mutex_init(k.newAllocation('cgroup_mutex', 0, 'static', null), 'cgroup_mutex', 'cgroup_mutex');
  const memory = mount(k, 'memory', '', k.v.subsystems);
  const sched = mount(k, 'sched', 'sched:', []);
  k.s = { system_wq, cgroup_mutex, root: memory.top_cgroup, roots: [memory, sched] };
}
