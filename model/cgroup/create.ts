import { EEXIST, ENOENT, ENOMEM } from '../errno.js';
import { dentry } from '../fs/dcache.js';
import type { Kernel, KGen } from '../kernel.js';
import { mutex_lock, mutex_unlock } from '../locking/mutex.js';
import { IS_ERR } from '../memory.js';
import { at } from '../site.js';
import { GFP_KERNEL, kfree, kzalloc } from '../slab.js';
import { cgroup } from './cgroup.js';

const L = at('kernel/cgroup.c', 'cgroup_create');

/**
 * cgroup_mkdir() → cgroup_create(): allocates the cgroup, runs init_cgroup_housekeeping() (whose event fields
 * the variant initialises), lets every subsystem ->create its state, and creates the directory dentry, which
 * holds the cgroup until rmdir drops the last reference; where a version's states hold their cgroup, its
 * init_css() takes each hold. Process context. [RECON of the seed's kernel's function, reduced to what the
 * notification API depends on.]
 */
export function* cgroup_create(k: Kernel, parent: cgroup, name: string): KGen<cgroup | number> {
  const path = parent.path.endsWith('/') ? `${parent.path}${name}` : `${parent.path}/${name}`;
  yield* mutex_lock(k, k.s.cgroup_mutex, L);
  if (k.rd(parent, L).removed) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -ENOENT;
  }
  if (parent.children.some((c) => c.path === path)) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -EEXIST;
  }
  const cgrp = yield* kzalloc(k, 'cgroup', 512, GFP_KERNEL, L, (mem) => new cgroup(mem, path));
  if (cgrp === null) {
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -ENOMEM;
  }
  k.v.init_cgroup_housekeeping(k, cgrp);
  cgrp.parent = parent;
  cgrp.root = parent.root;
  const subsystems = parent.root.subsystems;
  for (const ss of subsystems) {
    const css = yield* ss.create(k, ss, cgrp);
    if (IS_ERR(css)) {
      // err_destroy: every subsystem that already made its state destroys it.
      for (const done of subsystems) if (cgrp.subsys[done.subsys_id] !== undefined && cgrp.subsys[done.subsys_id] !== null) yield* done.destroy(k, done, cgrp);
      yield* kfree(k, cgrp, L);
      yield* mutex_unlock(k, k.s.cgroup_mutex, L);
      return css.err;
    }
    cgrp.subsys[ss.subsys_id] = css;
    // Where the version's states hold their cgroup, each takes its hold here.
    k.v.init_css?.(k, css, cgrp);
  }
  const d = yield* kzalloc(k, 'dentry', 192, GFP_KERNEL, L, (mem) => new dentry(mem, path));
  if (d === null) {
    for (const ss of subsystems) yield* ss.destroy(k, ss, cgrp);
    yield* kfree(k, cgrp, L);
    yield* mutex_unlock(k, k.s.cgroup_mutex, L);
    return -ENOMEM;
  }
  // The creation reference: dropped when rmdir removes the directory.
  d.d_fsdata = cgrp;
  d.d_iput = k.v.cgroup_diput;
  cgrp.dentry = d;
  yield k.op('list_add(&cgrp->sibling, &parent->children)', parent, L);
  k.wr(parent, L).children.push(cgrp);
  cgrp.root.number_of_cgroups++;
  k.v.cgroup_create_dir?.(k, cgrp, d);
  yield* mutex_unlock(k, k.s.cgroup_mutex, L);
  return cgrp;
}
