import type { Kernel } from '../kernel.js';
import { atomic_inc } from '../refcount.js';
import { dput } from '../fs/dcache.js';
import { mntget, mntput } from '../fs/super.js';
import type { KGen } from '../kernel.js';
import type { Site } from '../site.js';
import type { cgroup } from './cgroup.js';

/**
 * Paths name a hierarchy and a directory in it: `/A/B` in the memory hierarchy, `sched:/A` in the named one.
 * Returns the hierarchy's top cgroup, the prefix its cgroups' paths carry, and the directory's components.
 */
function parse(k: Kernel, path: string): { top: cgroup; prefix: string; parts: string[] } | null {
  const colon = path.indexOf(':');
  const name = colon < 0 ? 'memory' : path.slice(0, colon);
  const root = k.s.roots.find((r) => r.name === name);
  if (root === undefined) return null;
  const rest = colon < 0 ? path : path.slice(colon + 1);
  return { top: root.top_cgroup, prefix: colon < 0 ? '' : `${name}:`, parts: rest.split('/').filter((p) => p !== '') };
}

/** `sched:/A/B` → { parent: 'sched:/A', name: 'B' }; `/A` → { parent: '/', name: 'A' }. */
export function split_path(path: string): { parent: string; name: string } {
  const cut = path.lastIndexOf('/');
  const head = path.slice(0, cut);
  return { parent: head === '' || head.endsWith(':') ? `${head}/` : head, name: path.slice(cut + 1) };
}

/**
 * Path walk from the hierarchy's top through each directory's children: a removed cgroup is no longer a child
 * of its parent, so its path no longer resolves (ENOENT), whether or not its struct still exists.
 */
export function cgroup_lookup(k: Kernel, path: string, site: Site): cgroup | null {
  const p = parse(k, path);
  if (p === null) return null;
  // The walk starts where the hierarchy is mounted: once unmounted (umount writes the top), nothing resolves.
  if (k.rd(p.top, site).root.mnt === null) return null;
  let cur = p.top;
  let at = p.prefix;
  for (const part of p.parts) {
    at = `${at}/${part}`;
    const next = k.rd(cur, site).children.find((c) => c.path === at);
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
export function cgroup_path_get(k: Kernel, path: string, site: Site, mount = true): cgroup | null {
  const cgrp = cgroup_lookup(k, path, site);
  if (cgrp === null) return null;
  atomic_inc(k, k.rd(cgrp.dentry!, site).d_count, site);
  // The walk's path holds the mount too (a lookup of a name inside a directory already held does not: `mount`).
  if (mount) mntget(k, cgrp.root.mnt!, site);
  return cgrp;
}

/** path_put(): the walk's references go, the dentry's (its own step) and then the mount's. */
export function* path_put(k: Kernel, cgrp: cgroup, site: Site): KGen {
  const mnt = cgrp.root.mnt!;
  yield* dput(k, cgrp.dentry!, site);
  yield* mntput(k, mnt, site);
}
