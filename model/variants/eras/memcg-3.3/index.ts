import type { register_event_t } from '../../../cgroup/cgroup.js';
import { mem_cgroup_from_cont } from '../../../memcg/memcontrol.js';
import { memcg_subsys } from '../../../memcg/subsys.js';
import { at } from '../../../site.js';
import { res_counter_memparse_write_strategy } from '../memcg-v5/thresholds.js';
import { mem_cgroup_destroy_put } from '../memcg-v5/index.js';
import { usageRegisterEvent } from '../memcg-spare/register.js';
import { mem_cgroup_usage_unregister_event } from './unregister.js';

const L_reg = at('mm/memcontrol.c', 'mem_cgroup_usage_register_event');

/**
 * cftype->register_event of memory.usage_in_bytes in 3.x (mm/memcontrol.c; the code is in the callback itself
 * until 3.14): the cgroup's mem_cgroup, taken before anything else, then the register side every era since 2.6.35
 * shares, with res_counter's parser (until 3.18). Process context.
 */
export const mem_cgroup_usage_register_event: register_event_t = function* mem_cgroup_usage_register_event(k, cgrp, _cft, eventfd, args, _site) {
  const memcg = mem_cgroup_from_cont(k, cgrp, L_reg);
  return yield* usageRegisterEvent(k, memcg, eventfd, args, res_counter_memparse_write_strategy, L_reg);
};

const usage_3x = { register_event: mem_cgroup_usage_register_event, unregister_event: mem_cgroup_usage_unregister_event };

/** 3.8 to 3.11: the thresholds of 3.3-5.6; the mem_cgroup goes at ->destroy (the events pin the directory). */
export const memcg_3x = memcg_subsys({
  era: '3.8-3.11 (never-failing unregister of 3.3-5.6)',
  ...usage_3x,
  destroy: mem_cgroup_destroy_put,
});

/** 3.12 to 3.13: the same, with the mem_cgroup released by css references (an event holds one). */
export const memcg_css = memcg_subsys({
  era: '3.12 (css references)',
  ...usage_3x,
  // The css references free it (core-3.12/css.ts, through ->css_free): ->destroy has nothing of its own to drop.
});
