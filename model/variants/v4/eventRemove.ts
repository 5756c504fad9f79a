import { eventfd_ctx_put } from '../../eventfd.js';
import type { Kernel, KGen } from '../../kernel.js';
import { fnSites } from '../../site.js';
import { kfree } from '../../slab.js';
import { remove_wait_queue } from '../../wait.js';
import type { work_struct } from '../../workqueue.js';
import { event_of } from './event.js';

const L = fnSites('kernel/cgroup.c', 'cgroup_event_remove');

/**
 * cgroup_event_remove() (seed, kernel/cgroup.c:2853-2865). Runs from the workqueue: process context, nothing
 * held. Unregisters the event with the subsystem (its return code unchecked, as the TODO says), drops the
 * event's eventfd reference, takes the entry off the eventfd's wait queue and frees the event, in that order.
 */
export function* cgroup_event_remove(k: Kernel, work: work_struct): KGen {
  const event = event_of(work);
  const cgrp = k.rd(event, L(2857)).cgrp!;

  const cft = k.ptr(k.rd(event, L(2860)).cft, L(2860));
  yield* cft.unregister_event!(k, cgrp, cft, k.ptr(event.eventfd, L(2860)), L(2860));

  yield* eventfd_ctx_put(k, k.ptr(k.rd(event, L(2862)).eventfd, L(2862)), L(2862));
  yield* remove_wait_queue(k, k.rd(event, L(2863)).wqh!, event.wait, L(2863));
  yield* kfree(k, event, L(2864));
}
