import { split_path } from '../model/cgroup/lookup.js';
import { eventfd_ctx_fileget, eventfd_ctx_put, eventfd_fget, eventfd_signal, type eventfd_ctx } from '../model/eventfd.js';
import { files_struct } from '../model/fs/fdtable.js';
import { fput } from '../model/fs/file.js';
import type { Kernel, KGen } from '../model/kernel.js';
import { IS_ERR } from '../model/memory.js';
import { at } from '../model/site.js';
import { sys_attach, sys_close, sys_eventfd2, sys_mkdir, sys_mount, sys_open, sys_rmdir, sys_touch_memory, sys_umount, sys_write } from '../model/syscalls.js';
import { task_struct } from '../model/task.js';
import { flush_scheduled_work } from '../model/workqueue.js';

/** The hierarchy a path names: `sched:/A` the named one, anything else the memory hierarchy. */
export function hierarchyOf(path: string): string {
  const colon = path.indexOf(':');
  return colon < 0 ? 'memory' : path.slice(0, colon);
}

/** A userspace thread: a task and the fd table it shares with the other threads of its process. */
export interface Proc {
  readonly task: task_struct;
}

const L_teardown = at('userspace', 'teardown');
const L_aio = at('fs/aio.c', 'aio_complete');
const encoder = new TextEncoder();

/**
 * What scenarios can do, in userspace terms: processes and threads, and the system calls of the notification
 * API. Every call is a generator to `yield*` from an actor's body. It remembers what it created, so the
 * standard teardown can release all of it.
 */
export class Userspace {
  private nextPid = 100;
  private readonly procs: Proc[] = [];
  private readonly made: string[] = [];
  private readonly exitHooks: (() => KGen)[] = [];

  constructor(readonly k: Kernel) {}

  /** A new process (its own fd table), run as `uid` (0 is root). */
  process(comm: string, uid = 0): Proc {
    const files = new files_struct(this.k.newAllocation('files_struct', 0, 'static', null));
    return this.add(comm, uid, files);
  }

  /** A new thread of `of`'s process: the same fd table, its own credentials (`of`'s unless said otherwise). */
  thread(of: Proc, comm: string, uid = of.task.uid): Proc {
    return this.add(comm, uid, of.task.files!);
  }

  /**
   * Work the exiting processes do before their files are closed (do_exit: exit_mm, whose exit_aio completes
   * the aio requests still pending, runs before exit_files).
   */
  atExit(fn: () => KGen): void {
    this.exitHooks.push(fn);
  }

  private add(comm: string, uid: number, files: files_struct): Proc {
    const task = new task_struct(this.k.newAllocation('task_struct', 0, 'static', null), this.nextPid++, comm, uid, files);
    task.cgroup = this.k.s.root;
    this.k.s.root.count++;
    const p = { task };
    this.procs.push(p);
    return p;
  }

  /** mkdir: `/A` in the memory hierarchy, `sched:/A` in the named one. */
  *mkdir(p: Proc, path: string): KGen<number> {
    const { parent, name } = split_path(path);
    const ret = yield* sys_mkdir(this.k, p.task, parent, name);
    if (ret === 0) this.made.push(path);
    return ret;
  }

  *rmdir(p: Proc, path: string): KGen<number> {
    return yield* sys_rmdir(this.k, p.task, path);
  }

  /**
   * umount of the hierarchy `path` lives on (`/A`: memory; `sched:/A`: the named one), as an admin does with the
   * hierarchy's mount point.
   */
  *umount(p: Proc, path = '/'): KGen<number> {
    return yield* sys_umount(this.k, p.task, hierarchyOf(path));
  }

  /** mount of the hierarchy `path` lives on, at its mount point again. */
  *mount(p: Proc, path = '/'): KGen<number> {
    return yield* sys_mount(this.k, p.task, hierarchyOf(path));
  }

  *eventfd(p: Proc): KGen<number> {
    return yield* sys_eventfd2(this.k, p.task);
  }

  /** open("<dir>/<name>"): for reading unless `mask` says otherwise (4 read, 2 write). */
  *open(p: Proc, dir: string, name: string, mask = 4): KGen<number> {
    return yield* sys_open(this.k, p.task, dir, name, mask);
  }

  *write(p: Proc, fd: number, text: string): KGen<number> {
    return yield* sys_write(this.k, p.task, fd, encoder.encode(text), JSON.stringify(text));
  }

  /** The usual registration: "<efd> <cfd> <args>" written to an open cgroup.event_control. */
  *register(p: Proc, ecfd: number, efd: number, cfd: number, args: string): KGen<number> {
    return yield* this.write(p, ecfd, args === '' ? `${efd} ${cfd}` : `${efd} ${cfd} ${args}`);
  }

  *close(p: Proc, fd: number): KGen<number> {
    return yield* sys_close(this.k, p.task, fd);
  }

  *attach(p: Proc, dir: string): KGen<number> {
    return yield* sys_attach(this.k, p.task, dir);
  }

  /** The task touches (positive) or releases (negative) that many bytes of memory, charged to its memcg. */
  *touch(p: Proc, bytes: number): KGen<number> {
    return yield* sys_touch_memory(this.k, p.task, bytes);
  }

  /**
   * What io_submit() with IOCB_FLAG_RESFD keeps: a reference to the eventfd's context, for the completion to
   * signal later from softirq context.
   */
  *aioEventfd(p: Proc, fd: number): KGen<eventfd_ctx | null> {
    const f = yield* eventfd_fget(this.k, p.task.files!, fd, L_aio);
    if (IS_ERR(f)) return null;
    const ctx = yield* eventfd_ctx_fileget(this.k, f, L_aio);
    yield* fput(this.k, f, L_aio);
    return IS_ERR(ctx) ? null : ctx;
  }

  /** aio_complete(): signal the eventfd, then drop the request's reference. Runs in softirq context. */
  *aioComplete(ctx: eventfd_ctx): KGen {
    yield* eventfd_signal(this.k, ctx, 1, L_aio);
    yield* eventfd_ctx_put(this.k, ctx, L_aio);
  }

  /**
   * The standard teardown, run after every concurrent actor is done: wait for the workqueue, let the checkers
   * look at the quiet system, then release everything a correct kernel releases: every process exits (every fd
   * closed), every task goes back to the root cgroup, every cgroup the scenario made is removed. The teardown is
   * not the race under study: after each system call it waits for the work that call queued, so its steps never
   * interleave with the kworker's and do not multiply the executions an exhaustive search has to run.
   */
  *teardown(): KGen {
    const k = this.k;
    k.cpu.task = this.procs[0]?.task ?? null;
    yield* flush_scheduled_work(k, L_teardown);
    k.probes.api({ type: 'quiescent' });
    for (const hook of this.exitHooks) {
      yield* hook();
      yield* flush_scheduled_work(k, L_teardown);
    }
    for (const p of this.procs) {
      const fds = p.task.files!.fd;
      for (let fd = 0; fd < fds.length; fd++) {
        if (fds[fd] === null) continue;
        yield* this.close(p, fd);
        yield* flush_scheduled_work(k, L_teardown);
      }
    }
    // A hierarchy userspace unmounted is mounted again, as an admin would to clean up.
    for (const root of k.s.roots) {
      if (root.mnt !== null) continue;
      yield* sys_mount(k, this.procs[0]!.task, root.name);
      yield* flush_scheduled_work(k, L_teardown);
    }
    for (const p of this.procs) {
      if (p.task.cgroup === k.s.root) continue;
      yield* this.attach(p, '/');
      yield* flush_scheduled_work(k, L_teardown);
    }
    for (const path of [...this.made].reverse()) {
      yield* this.rmdir(this.procs[0]!, path);
      yield* flush_scheduled_work(k, L_teardown);
    }
  }
}
