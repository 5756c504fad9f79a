import type { cftype, cgroup, cgroup_subsys, cgroup_subsys_state, register_event_t, unregister_event_t } from '../cgroup/cgroup.js';
import { define_cftype } from '../cgroup/cftype.js';
import { EBUSY } from '../errno.js';
import type { Kernel, KGen } from '../kernel.js';
import { ERR_PTR, type ErrPtr } from '../memory.js';
import { at } from '../site.js';
import { GFP_KERNEL, kfree, kzalloc } from '../slab.js';
import { mem_cgroup, mem_cgroup_from_cont, mem_cgroup_subsys_id, mem_cgroup_usage, res_counter_add } from './memcontrol.js';

/** What a version of the memory controller brings to the common skeleton below: its own functions. */
export interface MemcgEra {
  /** What the subsystem's description says of it. */
  readonly era: string;
  /** memory.usage_in_bytes' callbacks. */
  readonly register_event: register_event_t;
  readonly unregister_event: unregister_event_t;
  /** More of the state ->create sets up (the event list and its lock, where the events live in the memcg). */
  readonly init_state?: (memcg: mem_cgroup) => void;
  /**
   * Whether the offline (->pre_destroy) refuses to go on (-EBUSY) with charge left, as a force_empty that cannot
   * move a charge of a cgroup that still has tasks or children does; absent, it never refuses.
   */
  readonly refuses_offline?: (k: Kernel, cgrp: cgroup) => boolean;
  /** What the offline does before the charge moves (the events' teardown, where the memcg owns them). */
  readonly offline?: (k: Kernel, cgrp: cgroup) => KGen;
  /** ->destroy: the cgroup's own hold on the mem_cgroup goes (absent where css references free it: ->css_free). */
  readonly destroy?: (k: Kernel, memcg: mem_cgroup) => KGen;
  /** More files of the memory controller (cgroup.event_control, where it is the memcg's). */
  readonly extra_files?: readonly cftype[];
}

const L_create = at('mm/memcontrol.c', 'mem_cgroup_create');
const L_pre = at('mm/memcontrol.c', 'mem_cgroup_pre_destroy');
const L_destroy = at('mm/memcontrol.c', 'mem_cgroup_destroy');
const L_free = at('mm/memcontrol.c', 'mem_cgroup_css_free');

/** A memory controller made of `e`'s functions: create, pre_destroy (offline), destroy, and its control files. */
export function memcg_subsys(e: MemcgEra): cgroup_subsys {
  /** ->create: a mem_cgroup with one reference (the cgroup's). */
  function* mem_cgroup_create(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen<cgroup_subsys_state | ErrPtr> {
    const memcg = yield* kzalloc(k, 'mem_cgroup', 512, GFP_KERNEL, L_create, (mem) => new mem_cgroup(mem, cgrp));
    if (memcg === null) return ERR_PTR(-12);
    e.init_state?.(memcg);
    return memcg;
  }

  /**
   * ->pre_destroy / css_offline: the remaining charge moves to the parent (one transfer of the whole usage; the
   * per-page LRU walk is left out), unless this version's force_empty refuses.
   */
  function* mem_cgroup_pre_destroy(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen<number> {
    const found = mem_cgroup_from_cont(k, cgrp, L_pre);
    if (e.offline !== undefined) yield* e.offline(k, cgrp);
    // A state released before its offline (more css_puts than gets) is no longer the cgroup's: NULL faults here.
    const memcg = k.ptr(found, L_pre, 'mem_cgroup', 'res');
    const usage = mem_cgroup_usage(k, memcg, L_pre);
    if (usage === 0n) return 0;
    const c = k.rd(cgrp, L_pre);
    if (e.refuses_offline?.(k, cgrp) === true) return -EBUSY;
    yield* res_counter_add(k, memcg.res, -usage, L_pre);
    const parent = c.parent === null ? null : mem_cgroup_from_cont(k, c.parent, L_pre);
    if (parent !== null) yield* res_counter_add(k, parent.res, usage, L_pre);
    return 0;
  }

  /** ->destroy, as the core calls it once the cgroup goes; the contract checker hears of the call. */
  function* mem_cgroup_destroy(k: Kernel, ss: cgroup_subsys, cgrp: cgroup): KGen {
    k.probes.api({ type: 'destroy', cgrp, subsys: ss.name, site: L_destroy });
    if (e.destroy !== undefined) yield* e.destroy(k, mem_cgroup_from_cont(k, cgrp, L_destroy)!);
  }

  /** ->css_free, from the release of the last css reference: the state goes; the contract checker hears of it. */
  function* mem_cgroup_css_free(k: Kernel, ss: cgroup_subsys, css: cgroup_subsys_state): KGen {
    const memcg = css as mem_cgroup;
    k.probes.api({ type: 'destroy', cgrp: memcg.cgroup, subsys: ss.name, site: L_free });
    yield* kfree(k, memcg, L_free);
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
    ...(e.destroy === undefined ? { css_free: mem_cgroup_css_free } : {}),
    files: [usage_in_bytes, limit_in_bytes, ...(e.extra_files ?? [])],
  };
}
