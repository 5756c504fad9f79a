import { cgroup_rmdir_3x } from '../eras/core-3.8/rmdir.js';
import { memcg_3x } from '../eras/memcg-3.3/index.js';
import type { Variant } from '../../variant.js';
import { v2_6_34 } from '../v2_6_34/index.js';
import { facts_3_x } from '../eras/core-3.8/facts.js';
import { cgroup_event_wake } from './eventWake.js';
import { cgroup_rmdir_events } from './rmdirEvents.js';

/**
 * 3.8-rc1's rework of the rmdir side [RECON, versions.md section 3]: the events are spliced off the cgroup under
 * the lock and torn down without it; list_del_init on both sides. With the rmdir of 3.8 on (nothing fails once
 * it started) and memcg's never-failing thresholds as 3.3-5.6 had them [RECON, eras/memcg-3.3/]. Everything
 * else as 2.6.34.
 */
export const v3_8: Variant = {
  ...v2_6_34,
  name: 'v3.8',
  facts: facts_3_x,
  base: 'v2.6.34',
  title: '3.8-rc1 rmdir rework (a reconstruction): splice the events off under the lock, tear down without it',
  source: '../shared/reference/versions.md section 3 [RECON: described, not quoted]',
  subsystems: [memcg_3x],
  cgroup_rmdir: cgroup_rmdir_3x,
  cgroup_rmdir_events,
  cgroup_event_wake,
};
