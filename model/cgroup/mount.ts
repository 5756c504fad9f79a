import { EBUSY, EINVAL } from '../errno.js';
import { dentry } from '../fs/dcache.js';
import { mntget, mntput, sb_grab_active, super_block, vfsmount } from '../fs/super.js';
import type { Kernel, KGen } from '../kernel.js';
import { atomic_inc } from '../refcount.js';
import { at, type Site } from '../site.js';
import type { cgroupfs_root } from './cgroup.js';

const L_mount = at('fs/namespace.c', 'do_new_mount');
const L_umount = at('fs/namespace.c', 'do_umount');

/**
 * A new superblock for the hierarchy (cgroup_get_sb, then cgroup_fill_super): its root dentry is the top
 * cgroup's directory, referenced by the superblock. The mount table reaches it, so its memory is never a leak.
 */
function new_super(k: Kernel, root: cgroupfs_root): super_block {
  const top = root.top_cgroup;
  const d = new dentry(k.newAllocation('dentry', 0, 'static', null), top.path);
  d.d_fsdata = top;
  top.dentry = d;
  const sb = new super_block(k.newAllocation('super_block', 0, 'static', null), root.name, k.v.cgroup_kill_sb);
  sb.s_root = d;
  root.sb = sb;
  return sb;
}

/**
 * vfs_kern_mount() and attaching to the namespace: the mount holds the root dentry and one active reference.
 * At boot nothing runs yet: the reference is taken without a step.
 */
function attach(k: Kernel, root: cgroupfs_root, sb: super_block, booting: boolean): void {
  const mnt = new vfsmount(k.newAllocation('vfsmount', 0, 'static', null), sb, sb.s_root!);
  if (booting) sb.s_root!.d_count.value++;
  else atomic_inc(k, sb.s_root!.d_count, L_mount);
  root.mnt = mnt;
}

/** The mounts made at boot, before any actor runs. */
export function mount_at_boot(k: Kernel, root: cgroupfs_root): void {
  attach(k, root, new_super(k, root), true);
}

/**
 * mount -t cgroup of a hierarchy that is not mounted: sget() finds its superblock while it is still active (a
 * cgroup kept it after an unmount) and takes an active reference, or the filesystem makes a new one. Process
 * context.
 */
export function* cgroup_mount(k: Kernel, root: cgroupfs_root, site: Site): KGen<number> {
  yield k.op('mount', root.name, site);
  if (root.mnt !== null) return -EBUSY;
  const live = root.sb;
  if (live !== null) sb_grab_active(k, live, site);
  attach(k, root, live ?? new_super(k, root), false);
  return 0;
}

/**
 * umount(2) of a hierarchy (do_umount, without MNT_DETACH): the lookup of the mount point takes a reference on
 * the mount; a mount anyone else uses (an open file on it, a path walk in progress) is busy; otherwise it leaves
 * the namespace, the namespace's reference goes, and the lookup's, the last, releases it: its root dentry, and
 * its active reference on the superblock, which may be the last (deactivate_super). Process context.
 */
export function* sys_umount_hierarchy(k: Kernel, root: cgroupfs_root): KGen<number> {
  const mnt = root.mnt;
  if (mnt === null) return -EINVAL;
  mntget(k, mnt, L_umount);
  yield k.op('propagate_mount_busy', mnt, L_umount);
  // The namespace's reference and the lookup's: anything more is a user.
  if (k.wr(mnt, L_umount).mnt_count > 2) {
    yield* mntput(k, mnt, L_umount);
    return -EBUSY;
  }
  yield k.op('umount_tree', mnt, L_umount);
  k.wr(mnt, L_umount).attached = false;
  // Walks that start at the hierarchy's top see it gone from now.
  k.wr(root.top_cgroup, L_umount);
  root.mnt = null;
  mnt.mnt_count--;
  yield* mntput(k, mnt, L_umount);
  return 0;
}
