import type { cgroup } from '../../../cgroup/cgroup.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mem_cgroup_put, type mem_cgroup } from '../../../memcg/memcontrol.js';
import { memcg_subsys } from '../../../memcg/subsys.js';
import { at } from '../../../site.js';
import { mem_cgroup_register_event, mem_cgroup_unregister_event, v5_thresholds } from './thresholds.js';

const L_pre = at('mm/memcontrol.c', 'mem_cgroup_pre_destroy');
const L_destroy = at('mm/memcontrol.c', 'mem_cgroup_destroy');

/**
 * mem_cgroup_force_empty() of 2.6.3x [RECON, reduced]: a cgroup that still has tasks or children keeps charge
 * the offline cannot move, so ->pre_destroy fails with -EBUSY.
 */
export function force_empty_refuses(k: Kernel, cgrp: cgroup): boolean {
  const c = k.rd(cgrp, L_pre);
  return c.count !== 0 || c.children.length > 0;
}

/** ->destroy of 2.6.3x to 3.11: the cgroup's reference on its mem_cgroup goes (the last frees it). */
export function* mem_cgroup_destroy_put(k: Kernel, memcg: mem_cgroup): KGen {
  yield* mem_cgroup_put(k, memcg, L_destroy);
}

/** The memory controller as the Dec 2009 series had it (v5 thresholds, one mem_cgroup reference per threshold). */
export const memcg_v5 = memcg_subsys({
  era: '2.6.33 + thresholds v5 (Dec 2009)',
  register_event: mem_cgroup_register_event,
  unregister_event: mem_cgroup_unregister_event,
  refuses_offline: force_empty_refuses,
  destroy: mem_cgroup_destroy_put,
});

/** 2.6.34: the same thresholds without the per-threshold references (the events pin the directory instead). */
export const memcg_2634 = memcg_subsys({ era: '2.6.34', ...v5_thresholds(false), refuses_offline: force_empty_refuses, destroy: mem_cgroup_destroy_put });
