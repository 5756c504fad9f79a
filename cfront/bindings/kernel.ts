/**
 * The binding table: every kernel function interpreted C may call that the patch does not define, bound by name to
 * the model's. A name not here and not defined whole by the patch is refused (one line, its file and line): the
 * interpreter never guesses what a kernel function does.
 */
import { eventfd_ctx_fileget, eventfd_ctx_put, eventfd_fget } from '../../model/eventfd.js';
import { fget } from '../../model/fs/fdtable.js';
import { file_permission, fput, type file } from '../../model/fs/file.js';
import type { Kernel } from '../../model/kernel.js';
import { simple_strtoul } from '../../model/lib/string.js';
import { INIT_LIST_HEAD, list_add, list_add_tail, list_del, list_del_init } from '../../model/list.js';
import { spin_lock, spin_unlock } from '../../model/locking/spinlock.js';
import type { CharPtr } from '../../model/memory.js';
import { kfree, kzalloc, type gfp_t } from '../../model/slab.js';
import { add_wait_queue, init_poll_funcptr, init_waitqueue_func_entry, remove_wait_queue } from '../../model/wait.js';
import { INIT_WORK, schedule_work } from '../../model/workqueue.js';
import { Ref } from '../interp/access.js';
import { refuse, structOf } from '../interp/frame.js';
import type { StructType } from '../interp/structs.js';
import { ABSTRACTION_BINDINGS } from './abstractions.js';
import { plain, withSite, type Binding } from './binding.js';
import { LATER_BINDINGS } from './later.js';
import { eventfdSignal, MEMCG_BINDINGS } from './memcg.js';

const task = (k: Kernel) => k.cpu.task!;

export const KERNEL_BINDINGS: Readonly<Record<string, Binding>> = {
  // Allocation: kzalloc(sizeof(*p), gfp) builds the struct sizeof measured, a model object of the patch's type.
  kzalloc: {
    params: ['size', 'flags'],
    prepare(s, call, args) {
      const st = structOf(s.program, args[0]!.sizeofOf ?? null);
      if (st === null) refuse(s, call, 'kzalloc of anything but sizeof a struct the patch defines is outside the subset');
      return st;
    },
    *call(k, site, [size, gfp], st) {
      const t = st as StructType;
      return yield* kzalloc(k, t.name, size as number, gfp as gfp_t, site, (mem) => new t.cls(mem));
    },
  },
  kfree: withSite(['objp'], kfree),

  // Lists, locks, wait queues, work items.
  INIT_LIST_HEAD: plain(['list'], INIT_LIST_HEAD),
  list_add: withSite(['new', 'head'], list_add),
  list_add_tail: withSite(['new', 'head'], list_add_tail),
  list_del: withSite(['entry'], list_del),
  list_del_init: withSite(['entry'], list_del_init),
  spin_lock: withSite(['lock'], spin_lock),
  spin_unlock: withSite(['lock'], spin_unlock),
  init_poll_funcptr: plain(['pt', 'qproc'], init_poll_funcptr),
  init_waitqueue_func_entry: plain(['q', 'func'], init_waitqueue_func_entry),
  add_wait_queue: withSite(['q', 'wait'], add_wait_queue),
  remove_wait_queue: withSite(['q', 'wait'], remove_wait_queue),
  INIT_WORK: plain(['work', 'func'], INIT_WORK),
  schedule_work: withSite(['work'], schedule_work),

  // eventfd and files: the descriptor tables and credentials are the current task's.
  eventfd_fget: {
    params: ['fd'],
    *call(k, site, [fd]) {
      return yield* eventfd_fget(k, task(k).files!, fd as number, site);
    },
  },
  eventfd_ctx_fileget: withSite(['file'], eventfd_ctx_fileget),
  eventfd_ctx_put: withSite(['ctx'], eventfd_ctx_put),
  eventfd_signal: { params: ['ctx', 'n'], minParams: 1, call: (k, site, args) => eventfdSignal(k, site, args) },
  fget: {
    params: ['fd'],
    *call(k, site, [fd]) {
      return yield* fget(k, task(k).files!, fd as number, site);
    },
  },
  fput: withSite(['file'], fput),
  file_permission: {
    params: ['file', 'mask'],
    *call(k, site, [f, mask]) {
      return file_permission(k, f as file, mask as number, task(k).uid, site);
    },
  },

  // simple_strtoul(cp, &endp, base): the model returns the end; the C stores it through endp.
  simple_strtoul: {
    params: ['cp', 'endp', 'base'],
    *call(k, site, [cp, endp, base]) {
      const r = simple_strtoul(k, cp as CharPtr, base as number, site);
      if (endp instanceof Ref) endp.set(r.endp);
      return r.value;
    },
  },

  ...ABSTRACTION_BINDINGS,
  ...LATER_BINDINGS,
  ...MEMCG_BINDINGS,
};
