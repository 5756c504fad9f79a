import type { FaultSpec } from '../../model/kernel.js';

/**
 * A workload: what userspace does, as data rather than code, so that it can be generated, shrunk, written to a
 * file and replayed. One process (one fd table, so any task may close what another opened) with a task `init`
 * that makes the cgroups and runs the setup alone, then the tasks, concurrently, each a sequence of system
 * calls. Nothing here knows a version of the kernel.
 */
export interface Workload {
  /** Cgroups made before the setup, in order: `/A` in the memory hierarchy, `sched:/C` in the named one. */
  readonly cgroups: readonly string[];
  /** Calls init makes alone, after the cgroups, before the tasks start. */
  readonly setup: readonly Call[];
  readonly tasks: readonly Task[];
  /** Allocations that fail: the nth allocation of a C type returns NULL (failslab). */
  readonly faults: readonly FaultSpec[];
}

export interface Task {
  /** Lower-case letters, digits and dashes; the actor's name in traces and schedules. */
  readonly name: string;
  /** Its credentials (0 is root). */
  readonly uid: number;
  /** The cgroup it is attached to during the setup, if not the root. */
  readonly cgroup: string | null;
  /** An interrupt (softirq) that runs on this task's CPU instead of a thread of its own. */
  readonly interrupts: string | null;
  readonly calls: readonly Call[];
}

/** A file descriptor: a handle a call bound (`e0`), or a number as written (`99`, `-1`). */
export type FdRef = string | number;

/**
 * One system call. Calls that make something bind it to a handle name (`e0 = eventfd`); later calls, of any
 * task, name the handle. A handle nothing has bound yet is fd -1 (the variable a C program left unset), so a
 * workload that names one is still a valid input: the kernel answers EBADF or EINVAL.
 */
export type Call =
  | { readonly op: 'eventfd'; readonly bind: string }
  | { readonly op: 'open'; readonly bind: string; readonly path: string; readonly write: boolean }
  | { readonly op: 'write'; readonly fd: FdRef; readonly text: string }
  | { readonly op: 'close'; readonly fd: FdRef }
  | { readonly op: 'mkdir'; readonly path: string }
  | { readonly op: 'rmdir'; readonly path: string }
  | { readonly op: 'attach'; readonly path: string }
  | { readonly op: 'charge'; readonly bytes: number }
  /** umount(2) of the hierarchy the workload's cgroups live on (that of its first cgroup; memory without one). */
  | { readonly op: 'umount' }
  /** io_submit() with IOCB_FLAG_RESFD: the request keeps a reference to the eventfd's context. */
  | { readonly op: 'aio'; readonly bind: string; readonly fd: FdRef }
  /** aio_complete(): signal the request's eventfd and drop its reference. */
  | { readonly op: 'complete'; readonly aio: string };

/** Every call of the workload: the setup's and every task's. */
export function callCount(w: Workload): number {
  return w.setup.length + w.tasks.reduce((n, t) => n + t.calls.length, 0);
}

/** Names a task may not take: the program's own actors. */
export const RESERVED_TASK_NAMES: readonly string[] = ['init', 'setup', 'teardown'];
