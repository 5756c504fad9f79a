import type { cftype, cgroup, cgroup_subsys, cgroup_subsys_state } from '../cgroup/cgroup.js';
import { define_cftype } from '../cgroup/cftype.js';
import type { Kernel, KGen } from '../kernel.js';
import { ERR_PTR } from '../memory.js';
import { at } from '../site.js';
import { GFP_KERNEL, kzalloc } from '../slab.js';
import { mem_cgroup, mem_cgroup_from_cont, mem_cgroup_put, mem_cgroup_subsys_id, mem_cgroup_usage, res_counter_add } from './memcontrol.js';
import { EBUSY } from '../errno.js';
import { mem_cgroup_register_event, mem_cgroup_unregister_event } from './thresholdsV5.js';

const L_create = at('mm/memcontrol.c', 'mem_cgroup_create');
const L_pre = at('mm/memcontrol.c', 'mem_cgroup_pre_destroy');
const L_destroy = at('mm/memcontrol.c', 'mem_cgroup_destroy');

/** ->create: a mem_cgroup with one reference (the cgroup's). */
function* mem_cgroup_create(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen<cgroup_subsys_state | ReturnType<typeof ERR_PTR>> {
  const memcg = yield* kzalloc(k, 'mem_cgroup', 512, GFP_KERNEL, L_create, (mem) => new mem_cgroup(mem, cgrp));
  return memcg ?? ERR_PTR(-12);
}

/**
 * ->pre_destroy: mem_cgroup_force_empty() moves the remaining charge to the parent. While charge is left it
 * refuses (-EBUSY) a cgroup that has tasks or children; a cgroup with no charge passes whatever it has.
 * The move is modelled as one transfer of the whole usage (the per-page LRU walk is left out).
 */
function* mem_cgroup_pre_destroy(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen<number> {
  const memcg = mem_cgroup_from_cont(k, cgrp, L_pre)!;
  const usage = mem_cgroup_usage(k, memcg, L_pre);
  if (usage === 0n) return 0;
  const c = k.rd(cgrp, L_pre);
  if (c.count !== 0 || c.children.length > 0) return -EBUSY;
  yield* res_counter_add(k, memcg.res, -usage, L_pre);
  const parent = c.parent === null ? null : mem_cgroup_from_cont(k, c.parent, L_pre);
  if (parent !== null) yield* res_counter_add(k, parent.res, usage, L_pre);
  return 0;
}

/** ->destroy: drops the cgroup's reference; registered thresholds may keep the struct alive past this. */
function* mem_cgroup_destroy(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen {
  yield* mem_cgroup_put(k, mem_cgroup_from_cont(k, cgrp, L_destroy)!, L_destroy);
}

const usage_in_bytes: cftype = define_cftype({
  name: 'memory.usage_in_bytes',
  mode: { uid: 0, user: 4, other: 4 },
  private: 0,
  subsys_id: mem_cgroup_subsys_id,
  register_event: mem_cgroup_register_event,
  unregister_event: mem_cgroup_unregister_event,
});

const limit_in_bytes: cftype = { name: 'memory.limit_in_bytes', mode: { uid: 0, user: 6, other: 4 }, private: 1, subsys_id: mem_cgroup_subsys_id };

/** The memory controller as the Dec 2009 series had it (v5 thresholds, refcounted mem_cgroup). */
export const memcg_v5: cgroup_subsys = {
  name: 'memory',
  subsys_id: mem_cgroup_subsys_id,
  create: mem_cgroup_create,
  pre_destroy: mem_cgroup_pre_destroy,
  destroy: mem_cgroup_destroy,
  files: [usage_in_bytes, limit_in_bytes],
};
