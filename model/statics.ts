import type { cgroup, cgroupfs_root } from './cgroup/cgroup.js';
import type { mutex } from './locking/mutex.js';
import type { workqueue_struct } from './workqueue.js';

/** Kernel globals: allocated at boot, never freed, never counted as leaks. */
export interface KernelStatics {
  readonly system_wq: workqueue_struct;
  readonly cgroup_mutex: mutex;
  /** The top cgroup of the memory hierarchy, where paths without a hierarchy prefix start. */
  readonly root: cgroup;
  /** Every mounted hierarchy: `memory` first. */
  readonly roots: readonly cgroupfs_root[];
}
