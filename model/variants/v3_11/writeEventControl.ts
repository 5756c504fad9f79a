import type { cftype, cgroup } from '../../cgroup/cgroup.js';
import { EBADF, EINVAL, ENOMEM } from '../../errno.js';
import { eventfd_ctx_fileget, eventfd_ctx_put, eventfd_fget } from '../../eventfd.js';
import { dget } from '../../fs/dcache.js';
import { fget } from '../../fs/fdtable.js';
import { file_permission, fput, MAY_READ, type file } from '../../fs/file.js';
import type { Kernel, KGen } from '../../kernel.js';
import { INIT_LIST_HEAD, list_add } from '../../list.js';
import { spin_lock, spin_unlock } from '../../locking/spinlock.js';
import { IS_ERR, IS_ERR_OR_NULL, PTR_ERR, type CharPtr, type Ptr } from '../../memory.js';
import { fnSites } from '../../site.js';
import { GFP_KERNEL, kfree, kzalloc } from '../../slab.js';
import { init_poll_funcptr, init_waitqueue_func_entry } from '../../wait.js';
import { INIT_WORK } from '../../workqueue.js';
import { parse_event_control } from '../common/parse.js';
import { cgroup_event } from '../v4/event.js';
import { __file_cft } from '../v4/housekeeping.js';
import { __d_cgrp } from '../../cgroup/files.js';

/** One label source: versions.md (section 1's v5 text for the lines the seed had, later sections for the lines each version changed). */
const L = fnSites('versions.md', 'cgroup_write_event_control');

/**
 * cgroup_write_event_control() of 3.11 (versions.md section 4, lines 495-510: 2.6.34's with two changes).
 * Process context, no lock held. The control file must now be in the cgroup whose cgroup.event_control is
 * written, and the dead POLLHUP branch after ->poll is gone.
 */
export function* cgroup_write_event_control(k: Kernel, cgrp: cgroup, cft: cftype, buffer: CharPtr): KGen<number> {
  let event: cgroup_event | null = null;
  let efile: Ptr<file> = null;
  let cfile: Ptr<file> = null;
  let ret: number;
  const task = k.cpu.task!;

  const parsed = parse_event_control(k, buffer, { efd: L(138), efdEnd: L(139), cfd: L(143), cfdEnd: L(144) });
  if (parsed === null) return -EINVAL;
  const { efd, cfd } = parsed;
  buffer = parsed.args;

  event = yield* kzalloc(k, 'cgroup_event', 136, GFP_KERNEL, L(148), (mem) => new cgroup_event(mem));
  if (event === null) return -ENOMEM;
  k.wr(event, L(148)).cgrp = cgrp;
  INIT_LIST_HEAD(event.list);
  init_poll_funcptr(event.pt, k.v.cgroup_event_ptable_queue_proc);
  init_waitqueue_func_entry(event.wait, k.v.cgroup_event_wake);
  INIT_WORK(event.remove, k.v.cgroup_event_remove);

  fail: {
    efile = yield* eventfd_fget(k, task.files!, efd, L(150));
    if (IS_ERR(efile)) {
      ret = PTR_ERR(efile);
      break fail;
    }
    event.eventfd = yield* eventfd_ctx_fileget(k, efile, L(152));
    if (IS_ERR(event.eventfd)) {
      ret = PTR_ERR(event.eventfd);
      break fail;
    }
    cfile = yield* fget(k, task.files!, cfd, L(154));
    if (cfile === null) {
      ret = -EBADF;
      break fail;
    }
    // inode_permission() on the control file's inode: the same check as the seed's file_permission().
    ret = file_permission(k, cfile, MAY_READ, task.uid, L(495));
    if (ret < 0) break fail;
    event.cft = __file_cft(k, cfile);
    if (IS_ERR(event.cft)) {
      ret = PTR_ERR(event.cft);
      break fail;
    }
    // The file to be monitored must be in the same cgroup as cgroup.event_control is.
    if (__d_cgrp(k.rd(cfile, L(501))) !== cgrp) {
      ret = -EINVAL;
      break fail;
    }
    if (event.cft.register_event === undefined || event.cft.unregister_event === undefined) {
      ret = -EINVAL;
      break fail;
    }
    ret = yield* event.cft.register_event(k, cgrp, event.cft, event.eventfd, buffer, L(162));
    if (ret) break fail;

    yield* k.rd(efile, L(507)).f_op.poll!(k, efile, event.pt);
    yield* dget(k, k.rd(cgrp, L(508)).dentry!, L(508));

    yield* spin_lock(k, cgrp.event_list_lock, L(509));
    yield* list_add(k, event.list, cgrp.event_list, L(509));
    yield* spin_unlock(k, cgrp.event_list_lock, L(509));

    yield* fput(k, cfile, L(378));
    yield* fput(k, efile, L(379));
    return 0;
  }

  // fail: as in 2.6.34
  if (cfile !== null) yield* fput(k, cfile, L(385));
  if (event !== null && event.eventfd !== null && !IS_ERR(event.eventfd)) yield* eventfd_ctx_put(k, event.eventfd, L(388));
  if (!IS_ERR_OR_NULL(efile)) yield* fput(k, efile, L(391));
  yield* kfree(k, event, L(393));
  return ret;
}
