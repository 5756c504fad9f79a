import { eventfd_ctx_put, eventfd_signal } from '../../eventfd.js';
import { cgroup_dput } from './cgroupDput.js';
import type { Kernel, KGen } from '../../kernel.js';
import { fnSites } from '../../site.js';
import { kfree } from '../../slab.js';
import { remove_wait_queue } from '../../wait.js';
import type { work_struct } from '../../workqueue.js';
import { event_of } from '../v4/event.js';

const L = fnSites('versions.md', 'cgroup_event_remove');

/**
 * cgroup_event_remove() of 3.11 (versions.md section 4, lines 449-465). From the workqueue: process context,
 * nothing held. It is now the only place an event leaves its eventfd's queue (the wake no longer does): off the
 * queue, unregister, tell userspace the event is going away, drop the eventfd reference, free the event, then
 * cgroup_dput() (440-447: a dput of the directory under a superblock reference of its own).
 */
export function* cgroup_event_remove(k: Kernel, work: work_struct): KGen {
  const event = event_of(work);
  const cgrp = k.rd(event, L(453)).cgrp!;

  yield* remove_wait_queue(k, k.rd(event, L(455)).wqh!, event.wait, L(455));

  const cft = k.ptr(k.rd(event, L(457)).cft, L(457));
  yield* cft.unregister_event!(k, cgrp, cft, k.ptr(event.eventfd, L(457)), L(457));

  // Notify userspace the event is going away.
  yield* eventfd_signal(k, k.ptr(k.rd(event, L(460)).eventfd, L(460)), 1, L(460));

  yield* eventfd_ctx_put(k, k.ptr(k.rd(event, L(462)).eventfd, L(462)), L(462));
  yield* kfree(k, event, L(463));
  yield* cgroup_dput(k, cgrp);
}
