import { memcg_3x } from '../eras/memcg-3.3/index.js';
import type { Variant } from '../../variant.js';
import { v3_8 } from '../v3_8/index.js';
import { cgroup_destroy_events } from './destroyEvents.js';
import { cgroup_event_remove } from './eventRemove.js';
import { cgroup_event_wake } from './eventWake.js';
import { cgroup_write_event_control } from './writeEventControl.js';

/**
 * As of 3.11 (versions.md section 4, verbatim): rmdir only detaches events (list_del_init) and queues their
 * removal; the removal takes the event off the eventfd's queue and signals it; the wake function leaves alone an
 * event rmdir already detached; the control file must be in the written cgroup.
 */
export const v3_11: Variant = {
  ...v3_8,
  name: 'v3.11',
  base: 'v3.8',
  title: 'as of 3.11: detach under the lock, the removal work does the rest, list_empty() in the wake function',
  source: '../shared/reference/versions.md section 4 (verbatim, torvalds/linux 3.11 era)',
  subsystems: [memcg_3x],
  cgroup_rmdir_events: cgroup_destroy_events,
  cgroup_write_event_control,
  cgroup_event_wake,
  cgroup_event_remove,
};
