import type { cftype, cgroup } from '../../cgroup/cgroup.js';
import { define_cftype } from '../../cgroup/cftype.js';
import { cgroup_rmdir_kernfs, kernfs_fop_write } from '../eras/kernfs/kernfs.js';
import type { Kernel, KGen } from '../../kernel.js';
import { mem_cgroup_subsys_id } from '../../memcg/memcontrol.js';
import { usage_v1 } from '../eras/memcg-5.6/index.js';
import { memcg_subsys } from '../../memcg/subsys.js';
import type { CharPtr } from '../../memory.js';
import type { Variant } from '../../variant.js';
import { v3_12 } from '../v3_12/index.js';
import { facts_6_x } from '../eras/kernfs/facts.js';
import { cgroup_kill_sb, kernfs_dir_release } from '../eras/kernfs/superblock.js';
import { memcg_event_remove } from './eventRemove.js';
import { memcg_event_ptable_queue_proc, memcg_event_wake } from './eventWake.js';
import { mem_cgroup_css_offline } from './offline.js';
import { INIT_LIST_HEAD, list_head } from '../../list.js';
import { spin_lock_init } from '../../locking/spinlock.js';
import type { mem_cgroup } from '../../memcg/memcontrol.js';
import { memcg_write_event_control } from './writeEventControl.js';

/** cgroup.event_control is the memory controller's own file from 3.14 on: only hierarchies with memcg have it. */
const event_control: cftype = define_cftype({
  name: 'cgroup.event_control',
  mode: { uid: 0, user: 2, other: 2 },
  private: 0,
  subsys_id: mem_cgroup_subsys_id,
  write_string: function* memcg_write_event_control(k: Kernel, cgrp: cgroup, cft: cftype, buffer: CharPtr): KGen<number> {
    return yield* k.v.cgroup_write_event_control(k, cgrp, cft, buffer);
  },
});

/** mem_cgroup_css_alloc() of 6.x, the lines for the events: the memcg's own list and its lock. */
function init_event_list(memcg: mem_cgroup): void {
  memcg.event_list = new list_head(memcg.mem, `${memcg.name}.event_list`, memcg);
  INIT_LIST_HEAD(memcg.event_list);
  memcg.event_list_lock = spin_lock_init(memcg.mem, `${memcg.name}.event_list_lock`, '&memcg->event_list_lock');
}

/**
 * The memory controller of 6.10 (mm/memcontrol.c): the never-failing thresholds of 5.6 on (eras/memcg-5.6/), css
 * references, the events inside; its css offline tears them down through the variant's hook, so a module can
 * replace that part alone.
 */
const memcg_6x = memcg_subsys({
  era: '6.10 (mm/memcontrol.c)',
  ...usage_v1,
  init_state: init_event_list,
  offline: (k, cgrp) => k.v.cgroup_rmdir_events!(k, cgrp),
  extra_files: [event_control],
});

/**
 * 6.x before 6.11 (versions.md section 6): the memory controller owns the events; cgroup.event_control is its
 * file, written through kernfs under an active reference that rmdir drains before it kills the css; the css's
 * offline (run later from the workqueue) detaches the events under an irq-safe lock; the event holds a css
 * reference taken with css_tryget_online_from_dir(), which fails once the css is killed.
 */
export const v6_10: Variant = {
  ...v3_12,
  name: 'v6.10',
  facts: facts_6_x,
  base: 'v3.12',
  title: '6.x (before 6.11): memcg owns the events, kernfs drains writes before the css is killed, irq-safe lock',
  source: '../shared/reference/versions.md section 6 (verbatim, torvalds/linux mm/memcontrol-v1.c)',
  subsystems: [memcg_6x],
  core_files: [],
  cgroup_rmdir: cgroup_rmdir_kernfs,
  cgroup_diput: kernfs_dir_release,
  cgroup_create_dir: undefined,
  cgroup_kill_sb,
  cgroup_file_write: kernfs_fop_write,
  cgroup_rmdir_events: mem_cgroup_css_offline,
  cgroup_write_event_control: memcg_write_event_control,
  cgroup_event_wake: memcg_event_wake,
  cgroup_event_remove: memcg_event_remove,
  cgroup_event_ptable_queue_proc: memcg_event_ptable_queue_proc,
};
