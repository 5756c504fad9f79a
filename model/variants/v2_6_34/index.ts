import { cgroup_call_pre_destroy } from '../eras/core-2.6.33/preDestroy.js';
import { memcg_2634 } from '../eras/memcg-v5/index.js';
import type { Variant } from '../../variant.js';
import { v4 } from '../v4/index.js';
import { events_pin_the_cgroup, facts_2_6_33 } from '../eras/core-2.6.33/facts.js';
import { cgroup_event_remove } from './eventRemove.js';
import { cgroup_event_wake } from './eventWake.js';
import { cgroup_rmdir_events } from './rmdirEvents.js';
import { cgroup_write_event_control } from './writeEventControl.js';

/**
 * As merged for 2.6.34 and unchanged in these functions up to 3.7 (versions.md 2a-2c): events torn down in
 * cgroup_rmdir() once the directory is gone, the wake function takes its entry off the queue, each event pins
 * the directory dentry, the fail path checks cfile. The memory controller of 2.6.34 only (2.6.35 made its
 * unregister never fail): the v5 thresholds without their mem_cgroup references.
 */
export const v2_6_34: Variant = {
  ...v4,
  name: 'v2.6.34',
  base: 'v4',
  title: 'as merged for 2.6.34 (its cgroup side unchanged to 3.7; memcg as in 2.6.34): teardown after the directory is gone, dentry pin, fixed fail path',
  source: '../shared/reference/versions.md section 2 (2c verbatim, from a 3.2.13 tree)',
  facts: { ...facts_2_6_33, unregister_contract: events_pin_the_cgroup },
  subsystems: [memcg_2634],
  cgroup_call_pre_destroy,
  cgroup_rmdir_events,
  cgroup_write_event_control,
  cgroup_event_wake,
  cgroup_event_remove,
};
