import { css_put } from '../eras/core-3.12/css.js';
import { eventfd_ctx_put, eventfd_signal } from '../../eventfd.js';
import type { Kernel, KGen } from '../../kernel.js';
import { fnSites } from '../../site.js';
import { kfree } from '../../slab.js';
import { remove_wait_queue } from '../../wait.js';
import type { work_struct } from '../../workqueue.js';
import { event_of } from '../v4/event.js';

const L = fnSites('versions.md', 'cgroup_event_remove');

/**
 * cgroup_event_remove() of 3.12 (versions.md section 5, lines 530-541). From the workqueue: process context,
 * nothing held. As 3.11's, with the css reference the event holds dropped last, instead of the directory's.
 */
export function* cgroup_event_remove(k: Kernel, work: work_struct): KGen {
  const event = event_of(work);
  const css = k.rd(event, L(534)).css!;
  const cgrp = event.cgrp!;
  yield* remove_wait_queue(k, k.rd(event, L(535)).wqh!, event.wait, L(535));
  const cft = k.ptr(k.rd(event, L(536)).cft, L(536));
  yield* cft.unregister_event!(k, cgrp, cft, k.ptr(event.eventfd, L(536)), L(536));
  yield* eventfd_signal(k, k.ptr(k.rd(event, L(537)).eventfd, L(537)), 1, L(537));
  yield* eventfd_ctx_put(k, k.ptr(k.rd(event, L(538)).eventfd, L(538)), L(538));
  yield* kfree(k, event, L(539));
  yield* css_put(k, css, L(540));
}
