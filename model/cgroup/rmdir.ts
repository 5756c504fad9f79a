import { ENOENT } from '../errno.js';
import { d_unhash, dget, dput } from '../fs/dcache.js';
import type { Kernel, KGen } from '../kernel.js';
import { mutex_lock, mutex_unlock } from '../locking/mutex.js';
import { at, type Site } from '../site.js';
import type { cgroup } from './cgroup.js';
import { cgroup_path_get, path_put, split_path } from './lookup.js';

const L_remove_dir = at('kernel/cgroup.c', 'cgroup_d_remove_dir');

/** Tasks attached, or children: rmdir must refuse. */
export function cgroup_busy(k: Kernel, cgrp: cgroup, site: Site): boolean {
  const c = k.rd(cgrp, site);
  return c.count !== 0 || c.children.length > 0;
}

/** CGRP_REMOVED (CGRP_DEAD) set, and the cgroup unlinked from its parent's children: its path no longer resolves. */
export function* cgroup_mark_removed(k: Kernel, cgrp: cgroup, site: Site): KGen {
  yield k.op('set_bit(CGRP_REMOVED)', cgrp, site);
  k.wr(cgrp, site).removed = true;
  const parent = cgrp.parent!;
  yield k.op('list_del(&cgrp->sibling)', parent, site);
  const siblings = k.wr(parent, site).children;
  const i = siblings.indexOf(cgrp);
  if (i >= 0) siblings.splice(i, 1);
}

/** cgroup_d_remove_dir(): the directory goes, and with it the reference its creation took. */
export function* cgroup_remove_dir(k: Kernel, cgrp: cgroup, site: Site): KGen {
  const d = cgrp.dentry!;
  yield* dget(k, d, site);
  yield* d_unhash(k, d, L_remove_dir);
  yield* dput(k, d, L_remove_dir);
  yield* dput(k, d, site);
}

const L_sys = at('fs/namei.c', 'do_rmdir');

/**
 * rmdir(2) of a cgroup directory (do_rmdir): under the parent directory's i_mutex, the lookup takes a reference
 * on the victim's dentry, held across cgroup_rmdir() and dropped once i_mutex is released. Two rmdirs of one
 * directory are serialised by i_mutex: the second finds the name gone.
 */
export function* vfs_rmdir_cgroup(k: Kernel, path: string): KGen<number> {
  const parentPath = split_path(path).parent;
  yield k.op('lookup parent', parentPath, L_sys);
  const parent = cgroup_path_get(k, parentPath, L_sys);
  if (parent === null) return -ENOENT;
  const pd = parent.dentry!;
  yield* mutex_lock(k, pd.i_mutex, L_sys);
  yield k.op('lookup', path, L_sys);
  const cgrp = cgroup_path_get(k, path, L_sys, false);
  let ret = -ENOENT;
  if (cgrp !== null) ret = yield* k.v.cgroup_rmdir(k, cgrp);
  yield* mutex_unlock(k, pd.i_mutex, L_sys);
  if (cgrp !== null) yield* dput(k, cgrp.dentry!, L_sys);
  yield* path_put(k, parent, L_sys);
  return ret;
}
