import type { cftype, cgroup, cgroup_subsys, cgroup_subsys_state, write_string_t } from './cgroup/cgroup.js';
import type { d_iput_t, dentry } from './fs/dcache.js';
import type { kill_sb_t } from './fs/super.js';
import type { file } from './fs/file.js';
import type { Kernel, KGen } from './kernel.js';
import type { KernelFacts } from './facts.js';
import type { poll_queue_proc, wait_queue_func_t } from './wait.js';
import type { work_func_t } from './workqueue.js';

/**
 * A version of the code under review: the functions that differ between versions, and the subsystem side of
 * its era. The cgroup core calls these through `k.v`, so a variant derived from another replaces only the
 * functions its patch changes (`{ ...base, cgroup_event_wake: mine }`).
 */
export interface Variant {
  readonly name: string;
  /** One line: what this version is. */
  readonly title: string;
  /** Where its code comes from (the patch, a kernel tree), so a reviewer can hold the trace against it. */
  readonly source: string;
  /** Subsystems bound to the memory hierarchy (the memory controller of the variant's era). */
  readonly subsystems: readonly cgroup_subsys[];
  /** The variant this one derives from, if any (for the comparison and the docs). */
  readonly base?: string;
  /** How to name it on the command line, when not by `name` (the path of a user-written module). */
  readonly ref?: string;
  /** The facts of the kernel this version ran in: its debug options, poison values, oops lines, header contract. */
  readonly facts: KernelFacts;

  /** The era's rmdir of a cgroup directory, called by the vfs with the victim's dentry referenced. */
  readonly cgroup_rmdir: (k: Kernel, cgrp: cgroup) => KGen<number>;
  /** The era's write path of a control file, from the vfs write to the file's handler. */
  readonly cgroup_file_write: (k: Kernel, f: file, data: Uint8Array) => KGen<number>;
  /** The era's d_iput of a cgroup directory: what the last reference of a removed cgroup's dentry releases. */
  readonly cgroup_diput: d_iput_t;
  /**
   * What a new cgroup's directory holds beyond itself in this era, if anything (mkdir, once the dentry exists):
   * where the cgroup filesystem lives in the dcache, the directory's dentry pins its parent's, and the cgroup an
   * active reference on the superblock, so an unmount with cgroups left keeps the hierarchy.
   */
  readonly cgroup_create_dir?: (k: Kernel, cgrp: cgroup, d: dentry) => void;
  /** The era's kill_sb of the cgroup filesystem: what the last active reference of a hierarchy's superblock does. */
  readonly cgroup_kill_sb: kill_sb_t;
  /** Where the era's subsystem states hold their cgroup, mkdir's step that makes each state take its hold. */
  readonly init_css?: (k: Kernel, css: cgroup_subsys_state, cgrp: cgroup) => void;

  /** The event fields of init_cgroup_housekeeping(): the list and its lock. */
  readonly init_cgroup_housekeeping: (k: Kernel, cgrp: cgroup) => void;
  /** cgroup_call_pre_destroy(): runs every subsystem's ->pre_destroy (the seed also tears down events here). */
  readonly cgroup_call_pre_destroy: (k: Kernel, cgrp: cgroup) => KGen<number>;
  /**
   * The events' teardown when their cgroup goes, where a version has one: called by its rmdir once the directory
   * is gone (cgroup_rmdir, cgroup_destroy_locked), or by its subsystem's offline where the subsystem owns the events.
   */
  readonly cgroup_rmdir_events?: (k: Kernel, cgrp: cgroup) => KGen;
  /** The write handler of cgroup.event_control. */
  readonly cgroup_write_event_control: write_string_t;
  readonly cgroup_event_wake: wait_queue_func_t;
  readonly cgroup_event_remove: work_func_t;
  readonly cgroup_event_ptable_queue_proc: poll_queue_proc;
  /** The core's own control files (cgroup.event_control among them). */
  readonly core_files: readonly cftype[];
}
