import type { register_event_t, unregister_event_t } from '../cgroup/cgroup.js';
import { mem_cgroup_from_cont } from './memcontrol.js';
import { memcg_subsys } from './subsys.js';
import { at } from '../site.js';
import { __mem_cgroup_usage_register_event, __mem_cgroup_usage_unregister_event } from './thresholdsSpare.js';

const L_reg = at('mm/memcontrol.c', 'mem_cgroup_usage_register_event');
const L_unreg = at('mm/memcontrol.c', 'mem_cgroup_usage_unregister_event');

/** memory.usage_in_bytes' callbacks from 2.6.35 to 3.13: the cgroup's mem_cgroup, then the never-failing code. */
export const mem_cgroup_usage_register_event: register_event_t = function* mem_cgroup_usage_register_event(k, cgrp, cft, eventfd, args, site) {
  return yield* __mem_cgroup_usage_register_event(k, k.rd(mem_cgroup_from_cont(k, cgrp, L_reg), L_reg, 'mem_cgroup'), eventfd, args, site);
};

export const mem_cgroup_usage_unregister_event: unregister_event_t = function* mem_cgroup_usage_unregister_event(k, cgrp, cft, eventfd, site) {
  return yield* __mem_cgroup_usage_unregister_event(k, k.rd(mem_cgroup_from_cont(k, cgrp, L_unreg), L_unreg, 'mem_cgroup'), eventfd, site);
};

/** 3.8 to 3.11: never-failing thresholds; the mem_cgroup goes at ->destroy (the events pin the directory). */
export const memcg_3x = memcg_subsys({
  era: '3.8-3.11 (never-failing unregister)',
  register_event: mem_cgroup_usage_register_event,
  unregister_event: mem_cgroup_usage_unregister_event,
  offline_can_fail: false,
  lifetime: 'refcnt',
});

/** 3.12 to 3.13: the same, with the mem_cgroup released by css references (an event holds one). */
export const memcg_css = memcg_subsys({
  era: '3.12 (css references)',
  register_event: mem_cgroup_usage_register_event,
  unregister_event: mem_cgroup_usage_unregister_event,
  offline_can_fail: false,
  lifetime: 'css',
});
