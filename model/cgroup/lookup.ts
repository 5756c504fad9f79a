import type { Kernel } from '../kernel.js';
import { atomic_inc } from '../refcount.js';
import type { Site } from '../site.js';
import type { cgroup } from './cgroup.js';

/**
 * Path walk from the hierarchy's root through each directory's children: a removed cgroup is no longer a
 * child of its parent, so its path no longer resolves (ENOENT), whether or not its struct still exists.
 */
export function cgroup_lookup(k: Kernel, path: string, site: Site): cgroup | null {
  let cur: cgroup = k.s.root;
  if (path === '/') return cur;
  let prefix = '';
  for (const part of path.split('/').filter((p) => p !== '')) {
    prefix = `${prefix}/${part}`;
    const next = k.rd(cur, site).children.find((c) => c.path === prefix);
    if (next === undefined) return null;
    cur = next;
  }
  return cur;
}

/**
 * A path walk that keeps what it found: the directory's dentry comes back referenced, taken in the same step as
 * the walk (the vfs walk holds a reference on what it returns), so the cgroup cannot go before the caller's
 * dput(). Within the current step; the caller declared it.
 */
export function cgroup_path_get(k: Kernel, path: string, site: Site): cgroup | null {
  const cgrp = cgroup_lookup(k, path, site);
  if (cgrp === null) return null;
  atomic_inc(k, k.rd(cgrp.dentry!, site).d_count, site);
  return cgrp;
}
