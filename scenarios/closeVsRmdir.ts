import { registerEvent } from './common.js';
import type { Scenario } from './scenario.js';

/** A monitor closes its eventfd (POLLHUP) while an admin removes the cgroup the event is registered on. */
export const closeVsRmdir: Scenario = {
  name: 'close-vs-rmdir',
  summary: 'close(eventfd) of a registered event races rmdir of its cgroup',
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
        { name: 'rmdir', body: () => u.rmdir(admin, '/A') },
      ],
    };
  },
};
