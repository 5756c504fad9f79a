import { Allocation } from '../../model/memory.js';
import type { ApiEvent } from '../../model/probes.js';
import { site } from './checkerKit.js';

/** Stand-ins for the objects API events name: a cgroup with its memory and css, and eventfds. */
export function world() {
  const cgrpMem = new Allocation(1, 'cgroup', 0, 'slab');
  const cssMem = new Allocation(1, 'mem_cgroup', 0, 'slab');
  const cgrp = { name: 'cgroup#1' };
  const efd = { name: 'eventfd_ctx#1' };
  const efd2 = { name: 'eventfd_ctx#2' };
  const css = { mem: cssMem };
  const cft = 'memory.usage_in_bytes';
  const register = (ret = 0, eventfd: object = efd): ApiEvent => ({ type: 'register_event', cgrp, cft, eventfd, css, ret, site: site('cgroup_write_event_control', 2958) });
  const unregister = (eventfd: object = efd): ApiEvent => ({ type: 'unregister_event', cgrp, cgrpMem, cft, eventfd, css, site: site('cgroup_event_remove', 2860), ret: null });
  const destroy = (): ApiEvent => ({ type: 'destroy', cgrp, subsys: 'memory', site: site('mem_cgroup_destroy') });
  const writeDone = (ret: number, file = 'cgroup.event_control'): ApiEvent => ({ type: 'write_done', cgrp, file, ret });
  return { cgrp, cgrpMem, cssMem, efd, efd2, cft, register, unregister, destroy, writeDone };
}
