import { EBADF, EINVAL } from './errno.js';
import { fget, fd_install, type files_struct } from './fs/fdtable.js';
import { file, fput, type file_operations } from './fs/file.js';
import type { Kernel, KGen } from './kernel.js';
import { kref, kref_get, kref_init, kref_put } from './kref.js';
import { spin_lock_irqsave, spin_unlock_irqrestore } from './locking/spinlock.js';
import { ERR_PTR, KObject, type Allocation, type ErrPtr } from './memory.js';
import { at, type Site } from './site.js';
import { GFP_KERNEL, kfree, kmalloc } from './slab.js';
import {
  init_waitqueue_head,
  poll_wait,
  POLLERR,
  POLLHUP,
  POLLIN,
  POLLOUT,
  wait_queue_head_t,
  wake_up_locked_poll,
  wake_up_poll,
  waitqueue_active,
  type poll_table,
} from './wait.js';

const ULLONG_MAX = 2n ** 64n - 1n;

/** struct eventfd_ctx (fs/eventfd.c): a kref (the file holds one), a wait queue, the counter. */
export class eventfd_ctx extends KObject {
  readonly kref: kref;
  readonly wqh: wait_queue_head_t;
  count = 0n;

  constructor(mem: Allocation) {
    super(mem, mem.name);
    this.kref = new kref(mem, `${mem.name}.kref`);
    // Every ctx's wqh.lock is initialised at the same place: one lockdep class.
    this.wqh = new wait_queue_head_t(mem, `${mem.name}.wqh`, '&ctx->wqh');
  }

  override describeState(): string {
    return this.kref.describeState();
  }
}

const L_release = at('fs/eventfd.c', 'eventfd_release');
const L_poll = at('fs/eventfd.c', 'eventfd_poll');
const L_fget = at('fs/eventfd.c', 'eventfd_fget');
const L_fileget = at('fs/eventfd.c', 'eventfd_ctx_fileget');
const L_create = at('fs/eventfd.c', 'sys_eventfd2');

/** Adds `n` to the counter and wakes the queue with POLLIN. Any context, interrupts included. */
export function* eventfd_signal(k: Kernel, ctx: eventfd_ctx, n: number, site: Site): KGen<number> {
  if (n < 0) return -EINVAL;
  const flags = yield* spin_lock_irqsave(k, k.rd(ctx, site, 'eventfd_ctx').wqh.lock, site);
  const room = ULLONG_MAX - ctx.count;
  const add = room < BigInt(n) ? room : BigInt(n);
  k.wr(ctx, site).count += add;
  k.probes.api({ type: 'eventfd_signal', ctx });
  if (waitqueue_active(k, ctx.wqh, site)) yield* wake_up_locked_poll(k, ctx.wqh, POLLIN, site);
  yield* spin_unlock_irqrestore(k, ctx.wqh.lock, flags, site);
  return Number(add);
}

/** The kref's release: frees the context (labelled with the line whose put was the last). */
function* eventfd_free(k: Kernel, r: kref, site: Site): KGen {
  const ctx = r.mem.obj as eventfd_ctx;
  yield* kfree(k, ctx, site);
}

/** Drops a context reference; the last one frees it. Any context. */
export function* eventfd_ctx_put(k: Kernel, ctx: eventfd_ctx, site: Site): KGen {
  yield* kref_put(k, k.rd(ctx, site, 'eventfd_ctx').kref, eventfd_free, site);
}

/** ->release of an eventfd file: wakes the queue with POLLHUP, then drops the file's context reference. */
function* eventfd_release(k: Kernel, f: file): KGen<number> {
  const ctx = k.rd(f, L_release).private_data as eventfd_ctx;
  k.probes.api({ type: 'eventfd_release', ctx });
  yield* wake_up_poll(k, ctx.wqh, POLLHUP, L_release);
  yield* eventfd_ctx_put(k, ctx, L_release);
  return 0;
}

/** ->poll of an eventfd file: queues the caller via poll_wait(), reports POLLIN/POLLOUT/POLLERR, never POLLHUP. */
function* eventfd_poll(k: Kernel, f: file, pt: poll_table | null): KGen<number> {
  const ctx = k.rd(f, L_poll).private_data as eventfd_ctx;
  yield* poll_wait(k, f, ctx.wqh, pt);
  const flags = yield* spin_lock_irqsave(k, k.rd(ctx, L_poll).wqh.lock, L_poll);
  let events = 0;
  if (ctx.count > 0n) events |= POLLIN;
  if (ctx.count === ULLONG_MAX) events |= POLLERR;
  if (ULLONG_MAX - 1n > ctx.count) events |= POLLOUT;
  yield* spin_unlock_irqrestore(k, ctx.wqh.lock, flags, L_poll);
  return events;
}

export const eventfd_fops: file_operations = { name: 'eventfd_fops', release: eventfd_release, poll: eventfd_poll };

/** eventfd_fget(): the file behind `fd`, with a reference, if it is an eventfd; ERR_PTR(-EBADF/-EINVAL) otherwise. */
export function* eventfd_fget(k: Kernel, files: files_struct, fd: number, site: Site): KGen<file | ErrPtr> {
  const f = yield* fget(k, files, fd, site);
  if (f === null) return ERR_PTR(-EBADF);
  if (f.f_op !== eventfd_fops) {
    yield* fput(k, f, L_fget);
    return ERR_PTR(-EINVAL);
  }
  return f;
}

/** eventfd_ctx_fileget(): takes a context reference from an eventfd file; ERR_PTR(-EINVAL) for any other file. */
export function* eventfd_ctx_fileget(k: Kernel, f: file, site: Site): KGen<eventfd_ctx | ErrPtr> {
  if (k.rd(f, site).f_op !== eventfd_fops) return ERR_PTR(-EINVAL);
  const ctx = f.private_data as eventfd_ctx;
  yield* kref_get(k, k.rd(ctx, L_fileget).kref, site);
  return ctx;
}

/** eventfd(2): a new context and an anonymous file holding its first reference, installed in `files`. */
export function* sys_eventfd(k: Kernel, files: files_struct): KGen<number> {
  const ctx = yield* kmalloc(k, 'eventfd_ctx', 48, GFP_KERNEL, L_create, (mem) => new eventfd_ctx(mem));
  if (ctx === null) return -12;
  kref_init(ctx.kref);
  init_waitqueue_head(ctx.wqh);
  const f = yield* kmalloc(k, 'file', 232, GFP_KERNEL, L_create, (mem) => new file(mem, eventfd_fops, { uid: 0, user: 6, other: 6 }, '[eventfd]'));
  if (f === null) {
    yield* eventfd_ctx_put(k, ctx, L_create);
    return -12;
  }
  f.private_data = ctx;
  return yield* fd_install(k, files, f);
}
