import { css_put } from '../eras/core-3.12/css.js';
import { eventfd_ctx_put, eventfd_signal } from '../../eventfd.js';
import type { Kernel, KGen } from '../../kernel.js';
import { fnSites } from '../../site.js';
import { kfree } from '../../slab.js';
import { remove_wait_queue } from '../../wait.js';
import type { work_struct } from '../../workqueue.js';
import { memcg_event_of } from './event.js';

const L = fnSites('versions.md', 'memcg_event_remove');

/**
 * memcg_event_remove() (versions.md section 6, lines 556-572). From the workqueue: process context, nothing held.
 * Off the eventfd's queue, unregister, notify userspace, drop the eventfd, free the event, drop the css.
 */
export function* memcg_event_remove(k: Kernel, work: work_struct): KGen {
  const event = memcg_event_of(work);
  const memcg = k.rd(event, L(560)).memcg!;
  yield* remove_wait_queue(k, k.rd(event, L(562)).wqh!, event.wait, L(562));
  yield* k.rd(event, L(564)).unregister_event!(k, memcg.cgroup, event.cft!, k.ptr(event.eventfd, L(564)), L(564));
  // Notify userspace the event is going away.
  yield* eventfd_signal(k, k.ptr(k.rd(event, L(567)).eventfd, L(567)), 1, L(567));
  yield* eventfd_ctx_put(k, k.ptr(k.rd(event, L(569)).eventfd, L(569)), L(569));
  yield* kfree(k, event, L(570));
  yield* css_put(k, memcg, L(571));
}
