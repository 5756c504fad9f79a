import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * An admin removes a cgroup with a registered event, then unmounts the hierarchy, while the kworker tears the
 * event down; the monitor keeps its eventfd open.
 */
export const rmdirThenUmount: Scenario = {
  name: 'rmdir-then-umount',
  summary: 'rmdir of a cgroup with a registered event, then umount of its hierarchy, while the event is torn down',
  plan(u) {
    const monitor = u.process('monitor');
    const admin = u.process('admin');
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        yield* registerEvent(u, monitor, '/A', '4096');
      },
      actors: [
        {
          name: 'admin',
          body: function* () {
            yield* u.rmdir(admin, '/A');
            yield* u.umount(admin, '/A');
          },
        },
      ],
    };
  },
};
