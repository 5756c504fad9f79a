import { ENODEV } from '../errno.js';
import type { Kernel, KGen } from '../kernel.js';
import { mutex_lock, mutex_unlock } from '../locking/mutex.js';
import { at } from '../site.js';
import type { task_struct } from '../task.js';
import type { cgroup } from './cgroup.js';

const L = at('kernel/cgroup.c', 'cgroup_attach_task');

/** Moves `task` into `cgrp` under cgroup_mutex (echo pid > tasks); the cgroup's task count follows. */
export function* cgroup_attach_task(k: Kernel, cgrp: cgroup, task: task_struct): KGen<number> {
  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  // cgroup_lock_live_group(): a removed cgroup takes no tasks.
  if (k.rd(cgrp, L).removed) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -ENODEV;
  }
  const old = task.cgroup;
  if (old !== null) k.wr(old, L).count--;
  k.wr(cgrp, L).count++;
  task.cgroup = cgrp;
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);
  return 0;
}
