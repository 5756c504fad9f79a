import type { cftype } from '../../cgroup/cgroup.js';
import { define_cftype } from '../../cgroup/cftype.js';
import type { Kernel, KGen } from '../../kernel.js';
import type { CharPtr } from '../../memory.js';
import { memcg_v5 } from '../eras/memcg-v5/index.js';
import { cgroup_file_write } from '../eras/core-2.6.33/fileWrite.js';
import { cgroup_rmdir } from '../eras/core-2.6.33/rmdir.js';
import { cgroup_diput } from '../eras/core-2.6.33/diput.js';
import { cgroup_create_dir, cgroup_kill_sb } from '../eras/core-2.6.33/superblock.js';
import type { Variant } from '../../variant.js';
import { facts_2_6_33 } from '../eras/core-2.6.33/facts.js';
import type { cgroup } from '../../cgroup/cgroup.js';
import { cgroup_event_remove } from './eventRemove.js';
import { cgroup_event_ptable_queue_proc, cgroup_event_wake } from './eventWake.js';
import { init_cgroup_housekeeping } from './housekeeping.js';
import { cgroup_call_pre_destroy } from './preDestroy.js';
import { cgroup_write_event_control } from './writeEventControl.js';

/** cgroup.event_control (seed, kernel/cgroup.c:3018-3022): write-only for everyone, handled by the variant's handler. */
const event_control: cftype = define_cftype({
  name: 'cgroup.event_control',
  mode: { uid: 0, user: 2, other: 2 },
  private: 0,
  subsys_id: null,
  // Dispatch through k.v, so a variant derived from this one may replace the handler alone.
  write_string: function* cgroup_write_event_control(k: Kernel, cgrp: cgroup, cft: cftype, buffer: CharPtr): KGen<number> {
    return yield* k.v.cgroup_write_event_control(k, cgrp, cft, buffer);
  },
});

/** The seed: "[PATCH v4 1/4] cgroup: implement eventfd-based generic API for notifications", 26 Dec 2009. */
export const v4: Variant = {
  name: 'v4',
  title: 'the patch under review: eventfd-based cgroup notifications, v4 (Dec 2009), with the v5 memcg thresholds',
  source: '../shared/seed/000_14102c98a5940216.txt (kernel/cgroup.c lines as numbered after the patch)',
  facts: facts_2_6_33,
  subsystems: [memcg_v5],
  cgroup_rmdir,
  cgroup_file_write,
  cgroup_diput,
  cgroup_create_dir,
  cgroup_kill_sb,
  init_cgroup_housekeeping,
  cgroup_call_pre_destroy,
  cgroup_write_event_control,
  cgroup_event_wake,
  cgroup_event_remove,
  cgroup_event_ptable_queue_proc,
  core_files: [event_control],
};
