import type { Kernel, KGen } from '../kernel.js';
import { spin_lock, spin_lock_init, spin_unlock, type spinlock_t } from '../locking/spinlock.js';
import { KObject, type Allocation } from '../memory.js';
import { refcount_inc_not_zero } from '../refcount.js';
import { at, type Site } from '../site.js';
import { EBADF } from '../errno.js';
import { fput, type file } from './file.js';

/** struct files_struct: a task's fd table, shared by the threads of one process. */
export class files_struct extends KObject {
  readonly file_lock: spinlock_t;
  readonly fd: (file | null)[] = [null, null, null];

  constructor(mem: Allocation) {
    super(mem, mem.name);
    this.file_lock = spin_lock_init(mem, `${mem.name}.file_lock`, '&files->file_lock');
  }

  override describeState(): string {
    const open = this.fd.map((f, i) => (f === null ? '' : `${i}`)).filter((s) => s !== '');
    return open.length === 0 ? 'no open fds' : `open fds ${open.join(',')}`;
  }
}

const L_install = at('fs/open.c', 'fd_install');
const L_fget = at('fs/file_table.c', 'fget');
const L_close = at('fs/open.c', 'sys_close');

/** get_unused_fd() + fd_install(): the lowest free descriptor from 3 up. */
export function* fd_install(k: Kernel, files: files_struct, f: file): KGen<number> {
  yield* spin_lock(k, files.file_lock, L_install);
  const t = k.wr(files, L_install);
  let fd = 3;
  while (fd < t.fd.length && t.fd[fd] !== null) fd++;
  t.fd[fd] = f;
  yield* spin_unlock(k, files.file_lock, L_install);
  return fd;
}

/**
 * fget(): the file behind `fd` with a new reference, or NULL (a closed or never-opened descriptor, or a file
 * whose last reference is being dropped). The RCU-protected lookup is one step.
 */
export function* fget(k: Kernel, files: files_struct, fd: number, site: Site): KGen<file | null> {
  yield k.op('fget', `fd ${fd}`, site);
  const t = k.rd(files, L_fget);
  const f = fd >= 0 && fd < t.fd.length ? (t.fd[fd] ?? null) : null;
  if (f === null) return null;
  return refcount_inc_not_zero(k, f.f_count, site) ? f : null;
}

/** sys_close(): unhooks the descriptor under file_lock, then filp_close() drops the table's reference. */
export function* sys_close_fd(k: Kernel, files: files_struct, fd: number): KGen<number> {
  yield* spin_lock(k, files.file_lock, L_close);
  const t = k.wr(files, L_close);
  const f = fd >= 0 && fd < t.fd.length ? (t.fd[fd] ?? null) : null;
  if (f === null) {
    yield* spin_unlock(k, files.file_lock, L_close);
    return -EBADF;
  }
  t.fd[fd] = null;
  yield* spin_unlock(k, files.file_lock, L_close);
  yield* fput(k, f, L_close);
  return 0;
}
