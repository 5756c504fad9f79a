import type { cftype, cgroup } from '../../cgroup/cgroup.js';
import { EBADF, EINVAL, ENOMEM } from '../../errno.js';
import { eventfd_ctx_fileget, eventfd_ctx_put, eventfd_fget, type eventfd_ctx } from '../../eventfd.js';
import { fget } from '../../fs/fdtable.js';
import { file_permission, fput, MAY_READ, type file } from '../../fs/file.js';
import type { Kernel, KGen } from '../../kernel.js';
import { INIT_LIST_HEAD, list_add } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { IS_ERR, PTR_ERR, type CharPtr, type ErrPtr, type Ptr } from '../../memory.js';
import { fnSites } from '../../site.js';
import { GFP_KERNEL, kfree, kzalloc } from '../../slab.js';
import { init_poll_funcptr, init_waitqueue_func_entry, POLLHUP } from '../../wait.js';
import { INIT_WORK } from '../../workqueue.js';
import { cgroup_event } from './event.js';
import { parse_event_control } from '../common/parse.js';
import { __file_cft } from './housekeeping.js';

const L = fnSites('kernel/cgroup.c', 'cgroup_write_event_control');

/**
 * cgroup_write_event_control() (seed, kernel/cgroup.c:2895-2991): the write handler of cgroup.event_control.
 * Process context, called by cgroup_write_string() with the stripped, NUL-terminated buffer and no lock held.
 * Parses "<event_fd> <control_fd> <args>", builds a cgroup_event, takes the eventfd and control file, calls
 * the control file's register_event, queues the event on the eventfd's wait queue through ->poll, and links it
 * on the cgroup's list. Errors unwind at `fail:` in reverse order.
 */
export function* cgroup_write_event_control(k: Kernel, cgrp: cgroup, cft: cftype, buffer: CharPtr): KGen<number> {
  let event: cgroup_event | null = null;
  let efile: Ptr<file> = null;
  let cfile: Ptr<file> = null;
  let ret: number;
  const task = k.cpu.task!;

  // 2905-2913. `buffer` ends one past the separator after the control fd, past the string if that was the NUL.
  const parsed = parse_event_control(k, buffer, { efd: L(2905), efdEnd: L(2906), cfd: L(2910), cfdEnd: L(2911) });
  if (parsed === null) return -EINVAL;
  const { efd, cfd } = parsed;
  buffer = parsed.args;

  event = yield* kzalloc(k, 'cgroup_event', 136, GFP_KERNEL, L(2915), (mem) => new cgroup_event(mem));
  if (event === null) return -ENOMEM;
  k.wr(event, L(2918)).cgrp = cgrp;
  INIT_LIST_HEAD(event.list);
  init_poll_funcptr(event.pt, k.v.cgroup_event_ptable_queue_proc);
  init_waitqueue_func_entry(event.wait, k.v.cgroup_event_wake);
  INIT_WORK(event.remove, k.v.cgroup_event_remove);

  fail: {
    efile = yield* eventfd_fget(k, task.files!, efd, L(2924));
    if (IS_ERR(efile)) {
      ret = PTR_ERR(efile);
      break fail;
    }

    k.wr(event, L(2930)).eventfd = yield* eventfd_ctx_fileget(k, efile, L(2930));
    if (IS_ERR(k.rd(event, L(2931)).eventfd)) {
      ret = PTR_ERR(k.rd(event, L(2932)).eventfd as ErrPtr);
      break fail;
    }

    cfile = yield* fget(k, task.files!, cfd, L(2936));
    if (cfile === null) {
      ret = -EBADF;
      break fail;
    }

    // The process needs read permission on the control file.
    ret = file_permission(k, cfile, MAY_READ, task.uid, L(2943));
    if (ret < 0) break fail;

    // event->cft is read (labelled) on each line that uses it, as in the C: a call's line in a call trace is
    // the last labelled line of its caller, so register_event's reports name 2958, not file_permission's 2943.
    k.wr(event, L(2947)).cft = __file_cft(k, cfile);
    if (IS_ERR(k.rd(event, L(2948)).cft)) {
      ret = PTR_ERR(k.rd(event, L(2949)).cft as ErrPtr);
      break fail;
    }

    const event_cft = k.ptr(k.rd(event, L(2953)).cft, L(2953));
    if (event_cft.register_event === undefined || event_cft.unregister_event === undefined) {
      ret = -EINVAL;
      break fail;
    }

    ret = yield* event_cft.register_event(k, cgrp, k.ptr(k.rd(event, L(2958)).cft, L(2958)), k.rd(event, L(2958)).eventfd as eventfd_ctx, buffer, L(2958));
    if (ret) break fail;

    // eventfd's ->poll never reports POLLHUP: this branch is dead code, modelled all the same.
    if ((yield* k.rd(efile, L(2963)).f_op.poll!(k, efile, event.pt)) & POLLHUP) {
      yield* event_cft.unregister_event(k, cgrp, k.ptr(k.rd(event, L(2964)).cft, L(2964)), k.rd(event, L(2964)).eventfd as eventfd_ctx, L(2964));
      ret = 0;
      break fail;
    }

    yield* spin_lock(k, cgrp.event_list_lock, L(2969));
    yield* list_add(k, event.list, cgrp.event_list, L(2970));
    yield* spin_unlock(k, cgrp.event_list_lock, L(2971));

    yield* fput(k, cfile, L(2973));
    yield* fput(k, efile, L(2974));

    return 0;
  }

  // fail: (2978). cfile is still NULL when the eventfd lookups failed, and !IS_ERR(NULL) holds.
  if (!IS_ERR(cfile)) yield* fput(k, cfile, L(2980));

  if (event !== null && k.rd(event, L(2982)).eventfd !== null && !IS_ERR(k.rd(event, L(2982)).eventfd)) yield* eventfd_ctx_put(k, k.rd(event, L(2983)).eventfd as eventfd_ctx, L(2983));

  if (!IS_ERR(efile)) yield* fput(k, efile, L(2986));

  yield* kfree(k, event, L(2988));

  return ret;
}
