import type { Kernel, KGen } from '../kernel.js';
import { KObject, type Allocation } from '../memory.js';
import { refcount_dec_and_test, refcount_inc, refcount_set, refcount_t } from '../refcount.js';
import { at, type Site } from '../site.js';
import { kfree } from '../slab.js';
import { BUG_printk } from '../bug.js';
import { dput, type dentry } from './dcache.js';

/** What the filesystem does when its superblock's last active reference goes (file_system_type->kill_sb). */
export type kill_sb_t = (k: Kernel, sb: super_block) => KGen;

/**
 * struct super_block, reduced to what a mounted cgroup hierarchy's lifetime depends on: the active references
 * (s_active: the mount holds one, and whatever else keeps the filesystem alive), the root dentry, and what the
 * filesystem does when the last active reference goes.
 */
export class super_block extends KObject {
  readonly s_active: refcount_t;
  s_root: dentry | null = null;
  /** The filesystem's own data: for cgroupfs, its hierarchy (the model keeps the hierarchy's name). */
  readonly s_fs_info: string;

  constructor(
    mem: Allocation,
    s_fs_info: string,
    readonly kill_sb: kill_sb_t,
  ) {
    super(mem, mem.name);
    this.s_fs_info = s_fs_info;
    this.s_active = new refcount_t(mem, `${mem.name}.s_active`, 's_active');
    refcount_set(this.s_active, 1);
  }

  override describeState(): string {
    return `${this.s_fs_info}, ${this.s_active.describeState()}`;
  }
}

/**
 * struct vfsmount: a mount of a superblock, counted (mnt_count) by the namespace that has it attached, by every
 * open file on it and by every path walk in progress. The count is one the walks only add to and take from, and
 * only umount and the last put look at; its changes are declared to the dependency analysis as commuting (reads
 * of the mount), and looking at it as a write.
 */
export class vfsmount extends KObject {
  /** Fields whose changes commute (increments and decrements nobody branches on): the footprint audit's rule. */
  static readonly commutative: readonly string[] = ['mnt_count'];
  mnt_count = 1;
  /** Still in the namespace (not yet unmounted): paths on it resolve. */
  attached = true;

  constructor(
    mem: Allocation,
    readonly mnt_sb: super_block,
    readonly mnt_root: dentry,
  ) {
    super(mem, mem.name);
  }

  override describeState(): string {
    return `mnt_count=${this.mnt_count}${this.attached ? '' : ', detached'}`;
  }
}

const L_deactivate = at('fs/super.c', 'deactivate_super');
const L_shutdown = at('fs/super.c', 'generic_shutdown_super');
const L_shrink = at('fs/dcache.c', 'shrink_dcache_for_umount');
const L_mntput = at('fs/namespace.c', 'mntput_no_expire');

/** mntget(): one more user of the mount. Within the caller's step; commutes with other gets and puts. */
export function mntget(k: Kernel, mnt: vfsmount, site: Site): void {
  k.rd(mnt, site).mnt_count++;
}

/**
 * mntput(): one user fewer. While the mount is attached the namespace's reference keeps it; once detached, the
 * last put releases it (__mntput): its root dentry, the mount, and its active reference on the superblock.
 */
export function* mntput(k: Kernel, mnt: vfsmount, site: Site): KGen {
  const m = k.rd(mnt, site);
  m.mnt_count--;
  if (m.attached || m.mnt_count > 0) return;
  k.wr(mnt, site);
  yield* dput(k, mnt.mnt_root, L_mntput);
  yield* kfree(k, mnt, L_mntput);
  yield* deactivate_super(k, mnt.mnt_sb, L_mntput);
}

/** atomic_inc(&sb->s_active): one more active user of a superblock known to be active. Within the caller's step. */
export function sb_grab_active(k: Kernel, sb: super_block | null, site: Site): void {
  refcount_inc(k, k.wr(sb, site, 'super_block', 's_active').s_active, site);
}

/**
 * deactivate_super(): drops an active reference; the last one shuts the filesystem down (->kill_sb, which ends
 * in generic_shutdown_super()) and the superblock goes. Process context: it may sleep.
 */
export function* deactivate_super(k: Kernel, sb: super_block, site: Site): KGen {
  k.might_sleep(site, 'deactivate_super');
  yield k.op('deactivate_super', sb, site);
  if (!refcount_dec_and_test(k, k.wr(sb, site, 'super_block', 's_active').s_active, site)) return;
  yield* sb.kill_sb(k, sb);
  yield* kfree(k, sb, L_deactivate);
}

/**
 * generic_shutdown_super(), the part that matters here: shrink_dcache_for_umount() drops the superblock's own
 * reference on the root dentry, which must then be unused: a dentry still referenced is a BUG() of the VFS
 * ("still in use"), as when a child dentry has not yet let go of its parent. Then the root dentry goes.
 */
export function* generic_shutdown_super(k: Kernel, sb: super_block): KGen {
  yield k.op('shrink_dcache_for_umount', sb, L_shrink);
  const root = k.wr(sb, L_shutdown).s_root;
  if (root === null) return;
  sb.s_root = null;
  const d = k.wr(root, L_shrink);
  refcount_dec_and_test(k, d.d_count, L_shrink);
  if (d.d_count.value !== 0) {
    BUG_printk(k, L_shrink, 'dentry still in use', `BUG: Dentry ${d.name}{n=${d.d_name}} still in use (${d.d_count.value}) [unmount of cgroup cgroup]`);
  }
  yield* kfree(k, root, L_shrink);
}
