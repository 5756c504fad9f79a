import type { Kernel, KGen } from '../kernel.js';
import { KObject, type Allocation } from '../memory.js';
import { refcount_dec_and_test, refcount_set, refcount_t } from '../refcount.js';
import { kfree } from '../slab.js';
import { EACCES } from '../errno.js';
import { at, type Site } from '../site.js';
import type { poll_table } from '../wait.js';
import { dput, type dentry } from './dcache.js';
import { mntput, type vfsmount } from './super.js';

/** struct file_operations, reduced to the methods the modelled files have. Compared by identity, as in C. */
export interface file_operations {
  readonly name: string;
  readonly release?: (k: Kernel, file: file) => KGen<number>;
  readonly poll?: (k: Kernel, file: file, pt: poll_table | null) => KGen<number>;
}

/** The inode's owner and permission bits (rwx as 4/2/1 for the owner and for others), as generic_permission() reads them. */
export interface inode_mode {
  readonly uid: number;
  readonly user: number;
  readonly other: number;
}

/**
 * struct file: a reference count (f_count; the fd table holds one, fget() takes more), the operations, the
 * private data (an eventfd_ctx), and the dentry it pins (for a cgroup control file, its directory's).
 */
export class file extends KObject {
  readonly f_count: refcount_t;
  private_data: KObject | null = null;
  /** The directory dentry this file keeps alive, released by __fput(). */
  pinned_dentry: dentry | null = null;
  /** The mount the file was opened on (f_path.mnt), released by __fput() after the dentry. */
  f_vfsmnt: vfsmount | null = null;
  /** Filesystem-specific identity: for a cgroup file, its cftype and cgroup. */
  f_fsdata: unknown = null;

  constructor(
    mem: Allocation,
    readonly f_op: file_operations,
    readonly mode: inode_mode,
    readonly path: string,
  ) {
    super(mem, mem.name);
    this.f_count = new refcount_t(mem, `${mem.name}.f_count`, 'f_count');
    refcount_set(this.f_count, 1);
  }

  override describeState(): string {
    return `${this.path}, ${this.f_count.describeState()}`;
  }
}

const L_fput = at('fs/file_table.c', '__fput');

/** Drops a file reference; the last one runs __fput(): ->release(), the dentry, the file. May sleep then. */
export function* fput(k: Kernel, f: file | null, site: Site): KGen {
  yield k.op('fput', f, site);
  if (refcount_dec_and_test(k, k.rd(f, site, 'file', 'f_count').f_count, site)) yield* __fput(k, f!);
}

function* __fput(k: Kernel, f: file): KGen {
  k.might_sleep(L_fput, '__fput');
  if (f.f_op.release !== undefined) yield* f.f_op.release(k, f);
  if (f.pinned_dentry !== null) yield* dput(k, f.pinned_dentry, L_fput);
  if (f.f_vfsmnt !== null) yield* mntput(k, f.f_vfsmnt, L_fput);
  yield* kfree(k, f, L_fput);
}

/** The task's permission to `mask` (MAY_READ = 4, MAY_WRITE = 2) on the file's inode. */
export const MAY_READ = 4;
export const MAY_WRITE = 2;

export function file_permission(k: Kernel, f: file, mask: number, uid: number, site: Site): number {
  const m = k.rd(f, site).mode;
  if (uid === 0) return 0; // CAP_DAC_OVERRIDE
  const bits = uid === m.uid ? m.user : m.other;
  return (bits & mask) === mask ? 0 : -EACCES;
}
