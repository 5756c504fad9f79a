import type { cgroup } from './cgroup/cgroup.js';
import type { files_struct } from './fs/fdtable.js';
import { KObject, type Allocation } from './memory.js';

/**
 * struct task_struct, reduced to what the modelled syscalls read: the fd table (shared by threads of one
 * process), the user id for permission checks, and the cgroup the task is attached to (its memcg is charged).
 */
export class task_struct extends KObject {
  cgroup: cgroup | null = null;

  constructor(
    mem: Allocation,
    readonly pid: number,
    readonly comm: string,
    readonly uid: number,
    readonly files: files_struct | null,
  ) {
    super(mem, `${comm}[${pid}]`);
  }
}
