import type { KGen } from '../model/kernel.js';
import type { Proc, Userspace } from './userspace.js';

/** What a monitoring program holds before it registers: an eventfd, a control file and cgroup.event_control. */
export interface Registration {
  efd: number;
  cfd: number;
  ecfd: number;
}

/** eventfd(), open("<dir>/memory.usage_in_bytes"), open("<dir>/cgroup.event_control") for writing. */
export function* openForRegistration(u: Userspace, p: Proc, dir: string): KGen<Registration> {
  const efd = yield* u.eventfd(p);
  const cfd = yield* u.open(p, dir, 'memory.usage_in_bytes');
  const ecfd = yield* u.open(p, dir, 'cgroup.event_control', 2);
  return { efd, cfd, ecfd };
}

/** Writes "<efd> <cfd> <args>" and closes both control files, keeping only the eventfd to wait on. */
export function* registerAndKeepEventfd(u: Userspace, p: Proc, r: Registration, args: string): KGen<number> {
  const ret = yield* u.register(p, r.ecfd, r.efd, r.cfd, args);
  yield* u.close(p, r.cfd);
  yield* u.close(p, r.ecfd);
  return ret;
}

/** The usual monitoring program: open, register, close the control files; returns the eventfd it keeps. */
export function* registerEvent(u: Userspace, p: Proc, dir: string, args: string): KGen<{ efd: number; ret: number }> {
  const r = yield* openForRegistration(u, p, dir);
  const ret = yield* registerAndKeepEventfd(u, p, r, args);
  return { efd: r.efd, ret };
}

/** An empty registration, filled by a scenario's setup. */
export function noRegistration(): Registration {
  return { efd: -1, cfd: -1, ecfd: -1 };
}
