import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * An admin removes a cgroup with a registered event while a task is attached to it: rmdir checks for tasks
 * before and after the subsystems' pre_destroy, so it may fail after pre_destroy ran.
 */
export const rmdirVsAttach: Scenario = {
  name: 'rmdir-vs-attach',
  summary: 'rmdir of a cgroup with a registered event races a task attaching to it (rmdir may then fail with EBUSY)',
  plan(u) {
    const monitor = u.process('monitor');
    const admin = u.process('admin');
    const worker = u.process('worker');
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        yield* registerEvent(u, monitor, '/A', '4096');
      },
      actors: [
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
        { name: 'attach', body: () => u.attach(worker, '/A') },
      ],
    };
  },
};
