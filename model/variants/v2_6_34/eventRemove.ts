import { eventfd_ctx_put } from '../../eventfd.js';
import { dput } from '../../fs/dcache.js';
import type { Kernel, KGen } from '../../kernel.js';
import { fnSites } from '../../site.js';
import { kfree } from '../../slab.js';
import type { work_struct } from '../../workqueue.js';
import { event_of } from '../v4/event.js';

const L = fnSites('versions.md', 'cgroup_event_remove');

/**
 * cgroup_event_remove() of 2.6.34 to 3.7 (versions.md 2c, lines 314-325). Gets called from the workqueue:
 * process context, nothing held. The wait entry is already off the queue (the wake took it, or rmdir did), so
 * it unregisters, drops the event's eventfd reference, frees the event and drops the directory reference the
 * registration took.
 */
export function* cgroup_event_remove(k: Kernel, work: work_struct): KGen {
  const event = event_of(work);
  const cgrp = k.rd(event, L(318)).cgrp!;

  const cft = k.ptr(k.rd(event, L(320)).cft, L(320));
  yield* cft.unregister_event!(k, cgrp, cft, k.ptr(event.eventfd, L(320)), L(320));

  yield* eventfd_ctx_put(k, k.ptr(k.rd(event, L(322)).eventfd, L(322)), L(322));
  yield* kfree(k, event, L(323));
  yield* dput(k, k.rd(cgrp, L(324)).dentry!, L(324));
}
