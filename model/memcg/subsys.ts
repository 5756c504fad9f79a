import type { cftype, cgroup, cgroup_subsys, cgroup_subsys_state, register_event_t, unregister_event_t } from '../cgroup/cgroup.js';
import { define_cftype } from '../cgroup/cftype.js';
import { EBUSY } from '../errno.js';
import type { Kernel, KGen } from '../kernel.js';
import { INIT_LIST_HEAD, list_head } from '../list.js';
import { spin_lock_init } from '../locking/spinlock.js';
import { ERR_PTR, type ErrPtr } from '../memory.js';
import { at } from '../site.js';
import { GFP_KERNEL, kzalloc } from '../slab.js';
import { mem_cgroup, mem_cgroup_from_cont, mem_cgroup_put, mem_cgroup_subsys_id, mem_cgroup_usage, res_counter_add } from './memcontrol.js';

/** What differs between the memory controllers of the eras cgsim models. */
export interface MemcgEra {
  /** `2.6.33 series (v5)`, `2.6.34`, ... for the subsystem's description. */
  readonly era: string;
  /** memory.usage_in_bytes' callbacks. */
  readonly register_event: register_event_t;
  readonly unregister_event: unregister_event_t;
  /**
   * 2.6.3x: ->pre_destroy (force_empty) may fail while tasks are attached and charge is left. From 3.8 on the
   * offline cannot fail: rmdir refuses a busy cgroup before it starts.
   */
  readonly offline_can_fail: boolean;
  /**
   * Who frees the mem_cgroup: ->destroy dropping the mem_cgroup's own reference (`refcnt`, 2.6.3x to 3.11), or
   * the last css reference (`css`, 3.12 on: ->destroy does nothing, see model/cgroup/css.ts).
   */
  readonly lifetime: 'refcnt' | 'css';
  /** The events live in the mem_cgroup (3.14 on): ->create sets up event_list and its lock. */
  readonly events_in_memcg?: boolean;
  /** More files of the memory controller (cgroup.event_control, from 3.14 on). */
  readonly extra_files?: readonly cftype[];
  /** What the offline does besides moving the charge (memcg1_css_offline's event teardown, 3.14 on). */
  readonly offline_events?: (k: Kernel, memcg: mem_cgroup) => KGen;
}

const L_create = at('mm/memcontrol.c', 'mem_cgroup_create');
const L_pre = at('mm/memcontrol.c', 'mem_cgroup_pre_destroy');
const L_destroy = at('mm/memcontrol.c', 'mem_cgroup_destroy');

/** A memory controller of `era`: create, pre_destroy (offline), destroy, and its control files. */
export function memcg_subsys(e: MemcgEra): cgroup_subsys {
  /** ->create: a mem_cgroup with one reference (the cgroup's, or the css's base reference). */
  function* mem_cgroup_create(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen<cgroup_subsys_state | ErrPtr> {
    const memcg = yield* kzalloc(k, 'mem_cgroup', 512, GFP_KERNEL, L_create, (mem) => new mem_cgroup(mem, cgrp));
    if (memcg === null) return ERR_PTR(-12);
    if (e.events_in_memcg === true) {
      memcg.event_list = new list_head(memcg.mem, `${memcg.name}.event_list`, memcg);
      INIT_LIST_HEAD(memcg.event_list);
      memcg.event_list_lock = spin_lock_init(memcg.mem, `${memcg.name}.event_list_lock`, '&memcg->event_list_lock');
    }
    return memcg;
  }

  /**
   * ->pre_destroy / css_offline: the remaining charge moves to the parent (one transfer of the whole usage; the
   * per-page LRU walk is left out). In the 2.6.3x eras mem_cgroup_force_empty() refuses (-EBUSY) while charge is
   * left and the cgroup has tasks or children.
   */
  function* mem_cgroup_pre_destroy(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen<number> {
    const memcg = mem_cgroup_from_cont(k, cgrp, L_pre)!;
    if (e.offline_events !== undefined) yield* e.offline_events(k, memcg);
    const usage = mem_cgroup_usage(k, memcg, L_pre);
    if (usage === 0n) return 0;
    const c = k.rd(cgrp, L_pre);
    if (e.offline_can_fail && (c.count !== 0 || c.children.length > 0)) return -EBUSY;
    yield* res_counter_add(k, memcg.res, -usage, L_pre);
    const parent = c.parent === null ? null : mem_cgroup_from_cont(k, c.parent, L_pre);
    if (parent !== null) yield* res_counter_add(k, parent.res, usage, L_pre);
    return 0;
  }

  /** ->destroy: drops the cgroup's reference (the css era frees through css refs instead). */
  function* mem_cgroup_destroy(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen {
    if (e.lifetime === 'refcnt') yield* mem_cgroup_put(k, mem_cgroup_from_cont(k, cgrp, L_destroy)!, L_destroy);
  }

  const usage_in_bytes = define_cftype({
    name: 'memory.usage_in_bytes',
    mode: { uid: 0, user: 4, other: 4 },
    private: 0,
    subsys_id: mem_cgroup_subsys_id,
    register_event: e.register_event,
    unregister_event: e.unregister_event,
  });
  const limit_in_bytes: cftype = { name: 'memory.limit_in_bytes', mode: { uid: 0, user: 6, other: 4 }, private: 1, subsys_id: mem_cgroup_subsys_id };

  return {
    name: 'memory',
    era: e.era,
    subsys_id: mem_cgroup_subsys_id,
    create: mem_cgroup_create,
    pre_destroy: mem_cgroup_pre_destroy,
    destroy: mem_cgroup_destroy,
    lifetime: e.lifetime,
    files: [usage_in_bytes, limit_in_bytes, ...(e.extra_files ?? [])],
  };
}
