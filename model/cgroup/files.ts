import type { file_operations } from '../fs/file.js';
import type { file } from '../fs/file.js';
import type { cftype, cgroup } from './cgroup.js';

/** cgroup_file_operations: what __file_cft() compares f_op against to tell a control file. */
export const cgroup_file_operations: file_operations = { name: 'cgroup_file_operations' };

/** The identity of an open control file: the directory's cgroup (__d_cgrp of d_parent) and its cftype (__d_cft). */
export interface cgroup_file_identity {
  readonly cgrp: cgroup;
  readonly cft: cftype;
}

/** __d_cft(file->f_dentry): the cftype behind an open control file. */
export function __d_cft(f: file): cftype {
  return (f.f_fsdata as cgroup_file_identity).cft;
}

/** __d_cgrp(file->f_dentry->d_parent): the cgroup whose directory holds the file. */
export function __d_cgrp(f: file): cgroup {
  return (f.f_fsdata as cgroup_file_identity).cgrp;
}
