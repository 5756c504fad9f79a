import { cgroup_attach_task } from './cgroup/attach.js';
import { cgroup_create } from './cgroup/create.js';
import { cgroup_mount, sys_umount_hierarchy } from './cgroup/mount.js';
import { __d_cft, __d_cgrp, cgroup_file_operations } from './cgroup/files.js';
import { cgroup_lookup, cgroup_path_get, path_put } from './cgroup/lookup.js';
import { mutex_lock, mutex_unlock } from './locking/mutex.js';
import { cgroup_open } from './cgroup/open.js';
import { vfs_rmdir_cgroup } from './cgroup/rmdir.js';
import { EBADF, EINVAL, ENOENT } from './errno.js';
import { sys_eventfd } from './eventfd.js';
import { fget, sys_close_fd } from './fs/fdtable.js';
import { fput } from './fs/file.js';
import type { Kernel, KGen } from './kernel.js';
import { mem_cgroup_from_cont, res_counter_add } from './memcg/memcontrol.js';
import { __mem_cgroup_threshold } from './memcg/thresholdCheck.js';
import { at, type Site } from './site.js';
import type { task_struct } from './task.js';

/*
 * The system calls scenarios make. Each one is entered as its own step (its name and arguments are the step's
 * operation in the trace) and runs on the calling CPU as `task`.
 */

const L = at('arch/x86/kernel/entry_64.S', 'system_call');

/** Whether a step is a system call's entry (its operation is the call as userspace made it: `close(3)`). */
export function isSystemCallEntry(site: Site | null): boolean {
  // By value: a replay document read back from JSON holds copies of the sites.
  return site !== null && site.fn === L.fn && site.file === L.file;
}

function* enter(k: Kernel, task: task_struct, what: string): KGen {
  k.cpu.task = task;
  // Coming from user space: the CPU could schedule just before.
  k.may_schedule();
  yield k.op(what, null, L);
}

export function* sys_eventfd2(k: Kernel, task: task_struct): KGen<number> {
  yield* enter(k, task, 'eventfd(0, 0)');
  return yield* sys_eventfd(k, task.files!);
}

/** open(2) of a control file; `mask` is MAY_READ (4) and/or MAY_WRITE (2). */
export function* sys_open(k: Kernel, task: task_struct, dir: string, name: string, mask: number): KGen<number> {
  yield* enter(k, task, `open("${dir}/${name}")`);
  return yield* cgroup_open(k, task, dir, name, mask);
}

const L_write = at('fs/read_write.c', 'sys_write');

/** write(2): to a control file, through cgroup_file_write(); any other file refuses it. */
export function* sys_write(k: Kernel, task: task_struct, fd: number, data: Uint8Array, shown: string): KGen<number> {
  yield* enter(k, task, `write(${fd}, ${shown})`);
  const f = yield* fget(k, task.files!, fd, L_write);
  if (f === null) return -EBADF;
  let ret = -EINVAL;
  if (f.f_op === cgroup_file_operations) {
    ret = yield* k.v.cgroup_file_write(k, f, data);
    k.probes.api({ type: 'write_done', cgrp: __d_cgrp(f), file: __d_cft(f).name, ret });
  }
  yield* fput(k, f, L_write);
  return ret;
}

export function* sys_close(k: Kernel, task: task_struct, fd: number): KGen<number> {
  yield* enter(k, task, `close(${fd})`);
  return yield* sys_close_fd(k, task.files!, fd);
}

const L_mkdir = at('fs/namei.c', 'sys_mkdirat');

/** mkdir(2): under the parent directory's i_mutex, with the walk's reference on the parent. */
export function* sys_mkdir(k: Kernel, task: task_struct, parent: string, name: string): KGen<number> {
  yield* enter(k, task, `mkdir("${parent.endsWith('/') ? parent : `${parent}/`}${name}")`);
  const p = cgroup_path_get(k, parent, L_mkdir);
  if (p === null) return -ENOENT;
  const d = p.dentry!;
  yield* mutex_lock(k, d.i_mutex, L_mkdir);
  const c = yield* cgroup_create(k, p, name);
  yield* mutex_unlock(k, d.i_mutex, L_mkdir);
  yield* path_put(k, p, L_mkdir);
  return typeof c === 'number' ? c : 0;
}

export function* sys_rmdir(k: Kernel, task: task_struct, path: string): KGen<number> {
  yield* enter(k, task, `rmdir("${path}")`);
  const cgrp = cgroup_lookup(k, path, L);
  if (cgrp !== null) k.probes.api({ type: 'rmdir_begin', cgrp });
  const ret = yield* vfs_rmdir_cgroup(k, path);
  if (cgrp !== null) k.probes.api({ type: 'rmdir_done', cgrp, cgroupName: path, ret });
  return ret;
}

const L_attach = at('kernel/cgroup.c', 'cgroup_tasks_write');

/** echo <pid> > <dir>/tasks: the open tasks file keeps the directory (modelled as the walk's reference). */
export function* sys_attach(k: Kernel, task: task_struct, dir: string): KGen<number> {
  yield* enter(k, task, `echo ${task.pid} > ${dir}/tasks`);
  const cgrp = cgroup_path_get(k, dir, L_attach);
  if (cgrp === null) return -ENOENT;
  const ret = yield* cgroup_attach_task(k, cgrp, task);
  yield* path_put(k, cgrp, L_attach);
  return ret;
}

const L_charge = at('mm/memcontrol.c', 'mem_cgroup_charge');

/**
 * The task touches (bytes > 0) or releases (bytes < 0) memory: the charge or uncharge of its cgroup's memcg,
 * then memcg_check_events()' threshold check (whose rate limit the model leaves out: every charge checks).
 */
export function* sys_touch_memory(k: Kernel, task: task_struct, bytes: number): KGen<number> {
  yield* enter(k, task, bytes >= 0 ? `touch ${bytes} bytes` : `release ${-bytes} bytes`);
  const cgrp = task.cgroup;
  if (cgrp === null) return -EINVAL;
  const memcg = mem_cgroup_from_cont(k, cgrp, L_charge);
  if (memcg === null) return 0;
  yield* res_counter_add(k, memcg.res, BigInt(bytes), L_charge);
  yield* __mem_cgroup_threshold(k, memcg);
  return 0;
}

const L_mount = at('fs/namespace.c', 'sys_mount');

/** umount(2) of the mount point of hierarchy `name` (`memory`, `sched`): -EINVAL when it is not mounted. */
export function* sys_umount(k: Kernel, task: task_struct, name: string): KGen<number> {
  yield* enter(k, task, `umount("/cgroup/${name}")`);
  const root = k.s.roots.find((r) => r.name === name);
  if (root === undefined) return -EINVAL;
  return yield* sys_umount_hierarchy(k, root);
}

/** mount(2) of hierarchy `name` at its mount point again (the same subsystems, the same name). */
export function* sys_mount(k: Kernel, task: task_struct, name: string): KGen<number> {
  yield* enter(k, task, `mount("cgroup", "/cgroup/${name}", "cgroup", 0, "${name}")`);
  const root = k.s.roots.find((r) => r.name === name);
  if (root === undefined) return -EINVAL;
  return yield* cgroup_mount(k, root, L_mount);
}
