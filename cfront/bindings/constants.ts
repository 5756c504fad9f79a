/** The kernel constants and globals interpreted C may name, with the model's values (errnos, poll bits, gfp flags, masks). */
import { EBADF, EBUSY, EEXIST, EINVAL, ENODEV, ENOENT, ENOMEM, EPERM, EACCES, EINTR, E2BIG } from '../../model/errno.js';
import { MAY_READ, MAY_WRITE } from '../../model/fs/file.js';
import { cgroup_file_operations } from '../../model/cgroup/files.js';
import { GFP_ATOMIC, GFP_KERNEL } from '../../model/slab.js';
import { POLLERR, POLLHUP, POLLIN, POLLOUT } from '../../model/wait.js';

export const KERNEL_CONSTANTS: Readonly<Record<string, unknown>> = {
  NULL: null,
  EPERM,
  ENOENT,
  EINTR,
  E2BIG,
  EBADF,
  ENOMEM,
  EACCES,
  EBUSY,
  EEXIST,
  ENODEV,
  EINVAL,
  POLLIN,
  POLLOUT,
  POLLERR,
  POLLHUP,
  // 6.x's __poll_t bits are the same values.
  EPOLLIN: POLLIN,
  EPOLLERR: POLLERR,
  EPOLLHUP: POLLHUP,
  GFP_KERNEL,
  GFP_ATOMIC,
  MAY_READ,
  MAY_WRITE,
  // A global's address (`&cgroup_file_operations`) is the model's object itself.
  cgroup_file_operations,
};
