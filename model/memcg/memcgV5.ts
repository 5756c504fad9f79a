import { memcg_subsys } from './subsys.js';
import { mem_cgroup_register_event, mem_cgroup_unregister_event, v5_thresholds } from './thresholdsV5.js';

/** The memory controller as the Dec 2009 series had it (v5 thresholds, one mem_cgroup reference per threshold). */
export const memcg_v5 = memcg_subsys({
  era: '2.6.33 + thresholds v5 (Dec 2009)',
  register_event: mem_cgroup_register_event,
  unregister_event: mem_cgroup_unregister_event,
  offline_can_fail: true,
  lifetime: 'refcnt',
});

/** 2.6.34: the same thresholds without the per-threshold references (the events pin the directory instead). */
export const memcg_2634 = memcg_subsys({ era: '2.6.34', ...v5_thresholds(false), offline_can_fail: true, lifetime: 'refcnt' });
