import type { cgroup, register_event_t, unregister_event_t } from '../../../cgroup/cgroup.js';
import type { eventfd_ctx } from '../../../eventfd.js';
import type { Kernel, KGen } from '../../../kernel.js';
import { mem_cgroup_subsys_id, type mem_cgroup } from '../../../memcg/memcontrol.js';
import type { CharPtr } from '../../../memory.js';
import { at } from '../../../site.js';
import { page_counter_memparse } from '../memcg-spare/pageCounter.js';
import { usageRegisterEvent } from '../memcg-spare/register.js';
import { __mem_cgroup_usage_unregister_event } from './unregister.js';

const L_reg = at('mm/memcontrol.c', '__mem_cgroup_usage_register_event');

/**
 * The memcg the 6.x callbacks are given: memcg_write_event_control() and memcg_event_remove() pass the event's
 * memcg itself. The model's callback type carries the cgroup, so this takes the memcg from it without an access
 * of its own (the caller held the pointer, not the cgroup).
 */
function memcgOf(cgrp: cgroup): mem_cgroup {
  return cgrp.subsys[mem_cgroup_subsys_id] as mem_cgroup;
}

/** __mem_cgroup_usage_register_event() of 6.x: the register side of 2.6.35 on, with page_counter's parser. */
function* __mem_cgroup_usage_register_event(k: Kernel, memcg: mem_cgroup, eventfd: eventfd_ctx, args: CharPtr): KGen<number> {
  return yield* usageRegisterEvent(k, memcg, eventfd, args, (kk, buf) => page_counter_memparse(kk, buf, '-1'), L_reg);
}

/**
 * memory.usage_in_bytes' callbacks of 6.10 (mm/memcontrol.c; 6.11 moved them to memcontrol-v1.c): each calls the
 * shared function for the memory counter (_MEM). The register side is 2.6.35's, with page_counter's parser (from
 * 3.19; "-1" means no limit); the unregister is that of 5.6 on. Process context: a mutex and RCU.
 */
export const usage_v1: { register_event: register_event_t; unregister_event: unregister_event_t } = {
  register_event: function* mem_cgroup_usage_register_event(k, cgrp, _cft, eventfd, args, _site) {
    return yield* __mem_cgroup_usage_register_event(k, memcgOf(cgrp), eventfd, args);
  },
  unregister_event: function* mem_cgroup_usage_unregister_event(k, cgrp, _cft, eventfd, _site) {
    return yield* __mem_cgroup_usage_unregister_event(k, memcgOf(cgrp), eventfd);
  },
};
