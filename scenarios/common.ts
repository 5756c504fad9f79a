import type { KGen } from '../model/kernel.js';
import type { Proc, Userspace } from './userspace.js';

/** A registered event as userspace holds it: the eventfd, and the control files if still open. */
export interface Registered {
  efd: number;
  ret: number;
}

/**
 * The usual monitoring program: an eventfd, the control file and cgroup.event_control of `dir` opened, the
 * registration written, and both control files closed again (only the eventfd is kept, to wait on).
 */
export function* registerEvent(u: Userspace, p: Proc, dir: string, args: string): KGen<Registered> {
  const efd = yield* u.eventfd(p);
  const cfd = yield* u.open(p, dir, 'memory.usage_in_bytes');
  const ecfd = yield* u.open(p, dir, 'cgroup.event_control', 2);
  const ret = yield* u.register(p, ecfd, efd, cfd, args);
  yield* u.close(p, cfd);
  yield* u.close(p, ecfd);
  return { efd, ret };
}
