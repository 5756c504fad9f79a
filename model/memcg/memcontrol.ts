import type { cgroup, cgroup_subsys_state } from '../cgroup/cgroup.js';
import type { eventfd_ctx } from '../eventfd.js';
import type { Kernel, KGen } from '../kernel.js';
import { mutex, mutex_init } from '../locking/mutex.js';
import { spin_lock_init, spin_lock_irqsave, spin_unlock_irqrestore, type spinlock_t } from '../locking/spinlock.js';
import type { list_head } from '../list.js';
import { work_struct } from '../workqueue.js';
import { KObject, type Allocation } from '../memory.js';
import { refcount_dec_and_test, refcount_inc, refcount_set, refcount_t } from '../refcount.js';
import { percpu_ref } from '../percpuRefcount.js';
import { at, type Site } from '../site.js';
import { kfree } from '../slab.js';

/** The memory controller's subsystem id (the index of its state in cgroup->subsys[]). */
export const mem_cgroup_subsys_id = 0;

/** One registered threshold: a raw eventfd_ctx pointer (no reference taken) and the usage it fires at. */
export interface mem_cgroup_threshold {
  eventfd: eventfd_ctx;
  threshold: bigint;
}

/** struct mem_cgroup_threshold_ary: sorted thresholds, read under RCU by the charge path. */
export class mem_cgroup_threshold_ary extends KObject {
  current_threshold = -1;
  entries: mem_cgroup_threshold[] = [];

  get size(): number {
    return this.entries.length;
  }

  override describeState(): string {
    return `${this.size} threshold(s)`;
  }
}

/** struct res_counter, reduced to the usage and its lock. */
export class res_counter extends KObject {
  usage = 0n;
  readonly lock: spinlock_t;

  constructor(mem: Allocation, name: string) {
    super(mem, name);
    this.lock = spin_lock_init(mem, `${name}.lock`, '&counter->lock');
  }
}

/**
 * struct mem_cgroup, the fields every modelled version uses some of: the css, the usage counter, the
 * RCU-protected thresholds array (`thresholds`, the primary) with its mutex, a reference count (the mem_cgroup's
 * own `refcnt`, mem_cgroup_get/put, or the css's `css_refcnt`, a percpu_ref, css_tryget/css_put, which rmdir kills),
 * a `spare` array where unregister never allocates, and the events where the memcg owns them (`event_list`,
 * `event_list_lock`, set up by the version's ->create).
 */
export class mem_cgroup extends KObject implements cgroup_subsys_state {
  readonly res: res_counter;
  thresholds: mem_cgroup_threshold_ary | null = null;
  spare: mem_cgroup_threshold_ary | null = null;
  readonly thresholds_lock: mutex;
  readonly refcnt: refcount_t;
  /** css->refcnt: killed by rmdir (percpu_ref_kill), after which css_tryget and css_tryget_online fail. */
  readonly css_refcnt: percpu_ref;
  event_list: list_head | null = null;
  event_list_lock: spinlock_t | null = null;
  /** css->destroy_work: the offline or the free, queued from the css's lifetime code. */
  readonly destroy_work: work_struct;

  constructor(
    mem: Allocation,
    readonly cgroup: cgroup,
  ) {
    super(mem, mem.name);
    this.res = new res_counter(mem, `${mem.name}.res`);
    this.thresholds_lock = mutex_init(mem, `${mem.name}.thresholds_lock`, '&mem->thresholds_lock');
    this.refcnt = new refcount_t(mem, `${mem.name}.refcnt`, 'refcnt');
    refcount_set(this.refcnt, 1);
    this.css_refcnt = new percpu_ref(mem, `${mem.name}.css.refcnt`, 'refcnt', 'css_release');
    this.destroy_work = new work_struct(mem, `${mem.name}.destroy_work`);
  }

  override describeState(): string {
    // Each era counts the memcg by one of the two: the css's once it was used.
    const css = this.css_refcnt.dead || this.css_refcnt.total() !== 1 || this.css_refcnt.cpuCounters().length > 0;
    return `of ${this.cgroup.path}, ${css ? `css.${this.css_refcnt.describeState()}` : this.refcnt.describeState()}`;
  }
}

/**
 * mem_cgroup_from_cont(): reads the cgroup's subsys[] slot, so it touches the cgroup's memory. NULL for a cgroup
 * of a hierarchy the memory controller is not bound to.
 */
export function mem_cgroup_from_cont(k: Kernel, cgrp: cgroup, site: Site): mem_cgroup | null {
  return (k.rd(cgrp, site, 'cgroup').subsys[mem_cgroup_subsys_id] as mem_cgroup | undefined) ?? null;
}

const L_get = at('mm/memcontrol.c', 'mem_cgroup_get');
const L_put = at('mm/memcontrol.c', 'mem_cgroup_put');
const L_free = at('mm/memcontrol.c', '__mem_cgroup_free');

export function* mem_cgroup_get(k: Kernel, memcg: mem_cgroup, site: Site): KGen {
  yield k.op('mem_cgroup_get', memcg, site);
  refcount_inc(k, k.rd(memcg, L_get).refcnt, site);
}

/** The last reference frees the struct (__mem_cgroup_free). */
export function* mem_cgroup_put(k: Kernel, memcg: mem_cgroup, site: Site): KGen {
  yield k.op('mem_cgroup_put', memcg, site);
  if (refcount_dec_and_test(k, k.rd(memcg, L_put).refcnt, site)) yield* kfree(k, memcg, L_free);
}

/** res_counter_charge()/uncharge(): the counter's lock, irqsave. Any context. */
export function* res_counter_add(k: Kernel, res: res_counter, delta: bigint, site: Site): KGen {
  const flags = yield* spin_lock_irqsave(k, k.rd(res, site).lock, site);
  const r = k.wr(res, site);
  r.usage = r.usage + delta < 0n ? 0n : r.usage + delta;
  yield* spin_unlock_irqrestore(k, res.lock, flags, site);
}

export function mem_cgroup_usage(k: Kernel, memcg: mem_cgroup, site: Site): bigint {
  return k.rd(memcg.res, site).usage;
}
