import type { eventfd_ctx } from '../eventfd.js';
import type { dentry } from '../fs/dcache.js';
import type { super_block, vfsmount } from '../fs/super.js';
import type { inode_mode } from '../fs/file.js';
import type { Kernel, KGen } from '../kernel.js';
import { list_head } from '../list.js';
import type { spinlock_t } from '../locking/spinlock.js';
import { KObject, type Allocation, type CharPtr, type ErrPtr } from '../memory.js';
import type { Site } from '../site.js';

/** struct cgroup_subsys_state: a subsystem's per-cgroup state (a struct mem_cgroup begins with one). */
export interface cgroup_subsys_state extends KObject {
  readonly cgroup: cgroup;
}

/**
 * struct cgroupfs_root: one hierarchy, its top cgroup and the subsystems bound to it, its superblock while it has
 * one and its mount while it is mounted. cgsim mounts two at boot: `memory` (the variant's subsystems) and
 * `sched`, a named hierarchy with none ("none,name=sched"). The hierarchy and its top cgroup outlive an unmount
 * (the kernel frees cgroupfs_root with its superblock and builds a new one at the next mount; the model keeps one).
 */
export interface cgroupfs_root {
  readonly name: string;
  readonly subsystems: readonly cgroup_subsys[];
  readonly top_cgroup: cgroup;
  sb: super_block | null;
  mnt: vfsmount | null;
  /** Cgroups of the hierarchy, its top one included (what kill_sb checks). */
  number_of_cgroups: number;
}

/**
 * struct cgroup, reduced to what the notification API touches: the removed flag, the attached-task count,
 * the children, the directory dentry, the subsystems' states, and the two fields the patch adds (event_list
 * and event_list_lock, include/linux/cgroup.h:225-226 of the seed).
 */
export class cgroup extends KObject {
  /** CGRP_REMOVED. */
  removed = false;
  /** Tasks attached (cgrp->count, as rmdir checks it). */
  count = 0;
  readonly children: cgroup[] = [];
  parent: cgroup | null = null;
  /** The hierarchy this cgroup belongs to (cgrp->root). */
  root!: cgroupfs_root;
  dentry: dentry | null = null;
  readonly subsys: (cgroup_subsys_state | null)[] = [];
  /**
   * Holders of the struct itself: the directory dentry, plus each subsystem state that holds its cgroup (where a
   * version's init_css() says so). The last cgroup_put() frees it.
   */
  refs = 1;
  /** Where the filesystem is kernfs: writes in flight on the directory's files, and whether removal deactivated them. */
  kn_active = 0;
  kn_deactivated = false;
  readonly event_list: list_head;
  /** Set by the variant's init_cgroup_housekeeping(). */
  event_list_lock!: spinlock_t;

  constructor(
    mem: Allocation,
    readonly path: string,
  ) {
    super(mem, mem.name);
    this.event_list = new list_head(mem, `${mem.name}.event_list`, this);
  }

  override describeState(): string {
    return `${this.path}${this.removed ? ' (removed)' : ''}`;
  }
}

/** cftype->write_string. */
export type write_string_t = (k: Kernel, cgrp: cgroup, cft: cftype, buffer: CharPtr) => KGen<number>;
/** cftype->register_event; `site` is the caller's line, for the trace. */
export type register_event_t = (k: Kernel, cgrp: cgroup, cft: cftype, eventfd: eventfd_ctx, args: CharPtr, site: Site) => KGen<number>;
/** cftype->unregister_event; `site` is the caller's line, for the trace. */
export type unregister_event_t = (k: Kernel, cgrp: cgroup, cft: cftype, eventfd: eventfd_ctx, site: Site) => KGen<number>;

/** struct cftype: a control file. Compared by identity; static, like the kernel's arrays of cftypes. */
export interface cftype {
  readonly name: string;
  readonly mode: inode_mode;
  readonly private: number;
  /** The subsystem whose file this is (its index in cgroup->subsys[]); null for the core's own files. */
  readonly subsys_id: number | null;
  readonly write_string?: write_string_t;
  /** The longest write a write_string file takes (cgroup cores before kernfs); unset, the core's local buffer bounds it. */
  readonly max_write_len?: number;
  readonly register_event?: register_event_t;
  readonly unregister_event?: unregister_event_t;
}

/** struct cgroup_subsys, reduced to the callbacks rmdir and mkdir run, and the subsystem's control files. */
export interface cgroup_subsys {
  readonly name: string;
  /** Which kernel's version of the subsystem this is. */
  readonly era: string;
  readonly subsys_id: number;
  readonly create: (k: Kernel, ss: cgroup_subsys, cgrp: cgroup) => KGen<cgroup_subsys_state | ErrPtr>;
  readonly pre_destroy?: (k: Kernel, ss: cgroup_subsys, cgrp: cgroup) => KGen<number>;
  readonly destroy: (k: Kernel, ss: cgroup_subsys, cgrp: cgroup) => KGen;
  /** ->css_free: where states live by references, what the last one's release calls to free the state. */
  readonly css_free?: (k: Kernel, ss: cgroup_subsys, css: cgroup_subsys_state) => KGen;
  readonly files: readonly cftype[];
}
