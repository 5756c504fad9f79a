import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/**
 * An admin removes a cgroup with a registered event and unmounts its hierarchy while the monitor closes the
 * eventfd (POLLHUP): two teardowns of the event race the unmount.
 */
export const rmdirUmountVsClose: Scenario = {
  name: 'rmdir-umount-vs-close',
  summary: 'rmdir and umount race close(eventfd) of a registered event',
  plan(u) {
    const monitor = u.process('monitor');
    const admin = u.process('admin');
    let efd = -1;
    return {
      setup: function* () {
        yield* u.mkdir(admin, '/A');
        ({ efd } = yield* registerEvent(u, monitor, '/A', '4096'));
      },
      actors: [
        { name: 'close', body: () => u.close(monitor, efd) },
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
