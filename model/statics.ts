import type { cgroup } from './cgroup/cgroup.js';
import type { mutex } from './locking/mutex.js';
import type { workqueue_struct } from './workqueue.js';

/** Kernel globals: allocated at boot, never freed, never counted as leaks. */
export interface KernelStatics {
  readonly system_wq: workqueue_struct;
  readonly cgroup_mutex: mutex;
  /** The hierarchy's root cgroup (rootnode.top_cgroup). */
  readonly root: cgroup;
}
