import { EACCES, ENOENT, ENOMEM } from '../errno.js';
import { fd_install } from '../fs/fdtable.js';
import { file } from '../fs/file.js';
import type { Kernel, KGen } from '../kernel.js';
import { at } from '../site.js';
import { GFP_KERNEL, kzalloc } from '../slab.js';
import type { task_struct } from '../task.js';
import type { cftype, cgroup } from './cgroup.js';
import { cgroup_file_operations } from './files.js';
import { cgroup_path_get, path_put } from './lookup.js';

const L = at('fs/open.c', 'do_filp_open');

/** The control files of a cgroup's directory: the core's, then those of each subsystem bound to its hierarchy. */
export function cgroup_files(k: Kernel, cgrp: cgroup): readonly cftype[] {
  return [...k.v.core_files, ...cgrp.root.subsystems.flatMap((ss) => ss.files)];
}

/**
 * open(2) of `<dir>/<name>` in the cgroup filesystem: the lookup, the permission check against the file's
 * mode, and a new struct file that pins the directory's dentry until its last fput. Process context.
 */
export function* cgroup_open(k: Kernel, task: task_struct, dir: string, name: string, mask: number): KGen<number> {
  yield k.op('path lookup', `${dir}/${name}`, L);
  const cgrp = cgroup_path_get(k, dir, L);
  if (cgrp === null) return -ENOENT;
  const d = cgrp.dentry!;
  const cft = cgroup_files(k, cgrp).find((c) => c.name === name);
  let ret = 0;
  if (cft === undefined) ret = -ENOENT;
  else if (task.uid !== 0 && ((task.uid === cft.mode.uid ? cft.mode.user : cft.mode.other) & mask) !== mask) ret = -EACCES;
  if (ret !== 0 || cft === undefined) {
    yield* path_put(k, cgrp, L);
    return ret;
  }
  const f = yield* kzalloc(k, 'file', 232, GFP_KERNEL, L, (mem) => new file(mem, cgroup_file_operations, cft.mode, `${cgrp.path}/${name}`));
  if (f === null) {
    yield* path_put(k, cgrp, L);
    return -ENOMEM;
  }
  // The walk's references become the file's: the open file pins its directory and the mount until the last fput.
  f.f_fsdata = { cgrp, cft };
  f.pinned_dentry = d;
  f.f_vfsmnt = cgrp.root.mnt;
  return yield* fd_install(k, task.files!, f);
}
