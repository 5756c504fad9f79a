import type { register_event_t, unregister_event_t } from '../../../cgroup/cgroup.js';
import { mem_cgroup_from_cont } from '../../../memcg/memcontrol.js';
import { page_counter_memparse } from './pageCounter.js';
import { memcg_subsys } from '../../../memcg/subsys.js';
import { at } from '../../../site.js';
import { spare_thresholds, type threshold_parser } from './thresholds.js';
import { res_counter_memparse_write_strategy } from '../memcg-v5/thresholds.js';
import { mem_cgroup_destroy_put } from '../memcg-v5/index.js';

/**
 * memory.usage_in_bytes' callbacks with the never-failing thresholds, as they are in `file`: the cgroup's
 * mem_cgroup, then the shared code. Process context: they take a mutex and wait for RCU.
 */
function usage_events(file: string, parse: threshold_parser): { register_event: register_event_t; unregister_event: unregister_event_t } {
  const L_reg = at(file, 'mem_cgroup_usage_register_event');
  const L_unreg = at(file, 'mem_cgroup_usage_unregister_event');
  const { __mem_cgroup_usage_register_event, __mem_cgroup_usage_unregister_event } = spare_thresholds(file, parse);
  return {
    register_event: function* mem_cgroup_usage_register_event(k, cgrp, _cft, eventfd, args, site) {
      return yield* __mem_cgroup_usage_register_event(k, k.rd(mem_cgroup_from_cont(k, cgrp, L_reg), L_reg, 'mem_cgroup', 'thresholds_lock'), eventfd, args, site);
    },
    unregister_event: function* mem_cgroup_usage_unregister_event(k, cgrp, _cft, eventfd, site) {
      return yield* __mem_cgroup_usage_unregister_event(k, k.rd(mem_cgroup_from_cont(k, cgrp, L_unreg), L_unreg, 'mem_cgroup', 'thresholds_lock'), eventfd, site);
    },
  };
}

/** 2.6.35 to 3.18: mm/memcontrol.c, thresholds parsed by res_counter. */
const usage_3x = usage_events('mm/memcontrol.c', res_counter_memparse_write_strategy);

/** 6.10: mm/memcontrol.c (6.11 moved them to memcontrol-v1.c), thresholds parsed by page_counter (from 3.19), "-1" meaning no limit. */
export const usage_v1 = usage_events('mm/memcontrol.c', (k, buf) => page_counter_memparse(k, buf, '-1'));

/** 3.8 to 3.11: never-failing thresholds; the mem_cgroup goes at ->destroy (the events pin the directory). */
export const memcg_3x = memcg_subsys({
  era: '3.8-3.11 (never-failing unregister)',
  ...usage_3x,
  destroy: mem_cgroup_destroy_put,
});

/** 3.12 to 3.13: the same, with the mem_cgroup released by css references (an event holds one). */
export const memcg_css = memcg_subsys({
  era: '3.12 (css references)',
  ...usage_3x,
  // The css references free it (core-3.12/css.ts, through ->css_free): ->destroy has nothing of its own to drop.
});
