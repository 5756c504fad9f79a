import type { Kernel, KGen } from '../kernel.js';
import { KObject, type Allocation } from '../memory.js';
import { mutex, mutex_init } from '../locking/mutex.js';
import { atomic_inc, refcount_dec_and_test, refcount_set, refcount_t } from '../refcount.js';
import { kfree } from '../slab.js';
import { at, type Site } from '../site.js';

/** What the last dput() of an unhashed dentry calls (d_op->d_iput): cgroup_diput for a cgroup directory. */
export type d_iput_t = (k: Kernel, d: dentry) => KGen;

/**
 * struct dentry, reduced to what cgroup lifetime depends on: a reference count, whether it is still hashed
 * (the directory exists), what the last reference of an unhashed dentry releases, and its parent, which every
 * dentry keeps a reference on until it is freed itself.
 */
export class dentry extends KObject {
  readonly d_count: refcount_t;
  hashed = true;
  d_iput: d_iput_t | null = null;
  d_fsdata: KObject | null = null;
  /** The parent directory's dentry (null for a filesystem's root): this dentry holds a reference on it. */
  d_parent: dentry | null = null;
  /** The directory inode's i_mutex: the vfs takes a directory's before creating or removing an entry in it. */
  readonly i_mutex: mutex;

  constructor(mem: Allocation, readonly d_name: string) {
    super(mem, mem.name);
    this.d_count = new refcount_t(mem, `${mem.name}.d_count`, 'd_count');
    refcount_set(this.d_count, 1);
    this.i_mutex = mutex_init(mem, `${mem.name}.d_inode->i_mutex`, '&inode->i_mutex');
  }

  override describeState(): string {
    return `${this.d_name}, ${this.d_count.describeState()}, ${this.hashed ? 'hashed' : 'unhashed'}`;
  }
}

const L_dput = at('fs/dcache.c', 'dput');

/** Takes a reference; a cached dentry nobody uses has count 0, so taking one from zero is legal. */
export function* dget(k: Kernel, d: dentry, site: Site): KGen {
  yield k.op('dget', d, site);
  atomic_inc(k, k.rd(d, site).d_count, site);
}

/**
 * The last reference of an unhashed dentry releases it (d_kill: d_iput, then the dentry itself), and only then
 * the reference it held on its parent, which may be the parent's last (the loop of dput). May sleep.
 */
export function* dput(k: Kernel, d: dentry, site: Site): KGen {
  yield k.op('dput', d, site);
  if (!refcount_dec_and_test(k, k.rd(d, site).d_count, site)) return;
  for (let cur: dentry | null = d; cur !== null; ) {
    if (cur.hashed) return;
    if (cur.d_iput !== null) yield* cur.d_iput(k, cur);
    yield* kfree(k, cur, L_dput);
    // Within the free's step: d_kill hands back the parent, and dput goes on with it.
    const parent: dentry | null = cur.d_parent;
    cur = parent !== null && refcount_dec_and_test(k, k.wr(parent, L_dput).d_count, L_dput) ? parent : null;
  }
}

/** d_alloc(): a child dentry takes a reference on its parent (within the caller's step). */
export function d_set_parent(k: Kernel, d: dentry, parent: dentry, site: Site): void {
  atomic_inc(k, k.wr(parent, site).d_count, site);
  d.d_parent = parent;
}

/** d_delete()/d_drop(): the name goes away; the dentry lives on while referenced. */
export function* d_unhash(k: Kernel, d: dentry, site: Site): KGen {
  yield k.op('d_delete', d, site);
  k.wr(d, site).hashed = false;
}
