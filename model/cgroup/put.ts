import type { Kernel, KGen } from '../kernel.js';
import { at, type Site } from '../site.js';
import { kfree } from '../slab.js';
import type { cgroup } from './cgroup.js';

const L_put = at('kernel/cgroup.c', 'cgroup_put');

/** Drops one holder of the cgroup struct (in the caller's step); the last one frees it. */
export function* cgroup_put(k: Kernel, cgrp: cgroup, site: Site): KGen {
  const c = k.wr(cgrp, site, 'cgroup');
  c.refs--;
  if (c.refs === 0) yield* kfree(k, cgrp, L_put);
}
