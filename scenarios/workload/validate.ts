import { RESERVED_TASK_NAMES, type Call, type FdRef, type Workload } from './workload.js';

/** A workload that cannot run: the message says where and why. */
export class WorkloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkloadError';
  }
}

const TASK_NAME = /^[a-z][a-z0-9-]{0,23}$/;
const HANDLE = /^[A-Za-z][A-Za-z0-9_]{0,15}$/;
const PATH = /^(sched:)?\/[A-Za-z0-9_./-]{0,64}$/;
const TYPE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** Bounds that keep one execution small enough to explore; generated workloads stay far below them. */
export const LIMITS = { tasks: 26, calls: 64, text: 256, bytes: 1 << 30, nth: 1000 } as const;

function check(ok: boolean, where: string, what: string): void {
  if (!ok) throw new WorkloadError(`${where}: ${what}`);
}

function checkFd(fd: FdRef, where: string): void {
  if (typeof fd === 'number') check(Number.isSafeInteger(fd), where, `fd ${fd} is not an integer`);
  else check(HANDLE.test(fd), where, `'${fd}' is not a handle name (a letter, then letters, digits or _)`);
}

function checkCall(c: Call, where: string): void {
  switch (c.op) {
    case 'eventfd':
      return check(HANDLE.test(c.bind), where, `'${c.bind}' is not a handle name`);
    case 'open':
      check(HANDLE.test(c.bind), where, `'${c.bind}' is not a handle name`);
      return check(PATH.test(c.path) && c.path.lastIndexOf('/') > c.path.indexOf('/'), where, `'${c.path}' is not a control file path (/A/memory.usage_in_bytes)`);
    case 'write':
      checkFd(c.fd, where);
      return check(typeof c.text === 'string' && c.text.length <= LIMITS.text, where, `the text must be a string of at most ${LIMITS.text} characters`);
    case 'close':
      return checkFd(c.fd, where);
    case 'mkdir':
    case 'rmdir':
    case 'attach':
      return check(PATH.test(c.path), where, `'${c.path}' is not a cgroup path (/A or sched:/C)`);
    case 'charge':
      return check(Number.isSafeInteger(c.bytes) && Math.abs(c.bytes) <= LIMITS.bytes, where, `charge needs an integer of at most ${LIMITS.bytes} bytes`);
    case 'aio':
      check(HANDLE.test(c.bind), where, `'${c.bind}' is not a handle name`);
      return checkFd(c.fd, where);
    case 'complete':
      return check(HANDLE.test(c.aio), where, `'${c.aio}' is not a handle name`);
    case 'umount':
      return;
    default:
      throw new WorkloadError(`${where}: unknown call '${(c as { op?: unknown }).op}'`);
  }
}

/** Throws WorkloadError unless `w` is a workload cgsim can run (it may still be invalid for the kernel). */
export function validateWorkload(w: Workload): Workload {
  check(Array.isArray(w.cgroups) && Array.isArray(w.setup) && Array.isArray(w.tasks) && Array.isArray(w.faults), 'workload', 'needs cgroups, setup, tasks and faults lists');
  w.cgroups.forEach((p) => check(PATH.test(p), 'cgroups', `'${p}' is not a cgroup path (/A or sched:/C)`));
  w.setup.forEach((c, i) => checkCall(c, `setup call ${i + 1}`));
  check(w.tasks.length >= 1 && w.tasks.length <= LIMITS.tasks, 'tasks', `a workload has 1 to ${LIMITS.tasks} tasks`);
  const names = new Set<string>();
  for (const t of w.tasks) {
    const where = `task ${t.name}`;
    check(TASK_NAME.test(t.name) && !RESERVED_TASK_NAMES.includes(t.name), where, 'a task name is lower-case letters, digits and dashes, and not init, setup or teardown');
    check(!names.has(t.name), where, 'two tasks have this name');
    names.add(t.name);
    check(Number.isSafeInteger(t.uid) && t.uid >= 0, where, 'uid must be a non-negative integer');
    if (t.cgroup !== null) check(PATH.test(t.cgroup), where, `'${t.cgroup}' is not a cgroup path`);
    t.calls.forEach((c, i) => checkCall(c, `${where}, call ${i + 1}`));
  }
  for (const t of w.tasks) {
    if (t.interrupts === null) continue;
    const target = w.tasks.find((x) => x.name === t.interrupts);
    check(target !== undefined && target.interrupts === null, `irq ${t.name}`, `interrupts '${t.interrupts}', which is not a task of the workload`);
  }
  const calls = w.setup.length + w.tasks.reduce((n, t) => n + t.calls.length, 0);
  check(calls <= LIMITS.calls, 'workload', `${calls} calls; at most ${LIMITS.calls}`);
  w.faults.forEach((f, i) => check(TYPE.test(f.type) && Number.isSafeInteger(f.nth) && f.nth >= 1 && f.nth <= LIMITS.nth, `fault ${i + 1}`, `needs a C type name and an nth from 1 to ${LIMITS.nth}`));
  return w;
}
